import { Typography } from "antd";
import type { z } from "zod";
import type { ZProofCounts } from "../../../contracts/proofs.js";
import { useT } from "../../i18n/index.js";

/** A change against last year as "+12%" / "−85%"; "—" without last year. */
export const formatChange = (c: number | null): string => (c === null ? "—" : `${c > 0 ? "+" : ""}${Math.round(c * 100)}%`);

/** The region's proof hours this year against last, and the minutes per proof they rest on. */
export function ProofHoursLine({ counts }: { counts: z.infer<typeof ZProofCounts> }) {
  const h = useT().registryHours;
  const rates = [...new Set(counts.villages.map((v) => v.minutesPerProof))];
  return (
    <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="proof-hours">
      <Typography.Text strong>{h.totalLine(counts.total.hoursThisYear, counts.total.hoursLastYear, formatChange(counts.total.change))}</Typography.Text>
      {rates.length > 0 && <Typography.Text type="secondary">{` · ${rates.map((m) => h.proofRate(m)).join("；")}`}</Typography.Text>}
    </Typography.Paragraph>
  );
}
