import { Typography } from "antd";
import type { PlaqueCounts } from "../../../contracts/evaluations.js";
import { useT } from "../../i18n/index.js";

/** What still hangs costs the villages in upkeep a year, and how much of it taking the 乱挂牌 down frees. */
export function PlaqueHoursLine({ total }: { total: PlaqueCounts["total"] }) {
  const h = useT().registryHours;
  return (
    <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="plaque-hours-total">
      <Typography.Text strong>{h.plaqueTotal(total.yearlyHours, total.yearlyHoursNotAllowed, total.stillHung)}</Typography.Text> <Typography.Text type="secondary">{h.plaqueRate}</Typography.Text>
    </Typography.Paragraph>
  );
}
