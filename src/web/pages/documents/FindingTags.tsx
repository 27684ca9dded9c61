import { Tag, Tooltip } from "antd";
import type { DocumentSummary } from "../../../contracts/documents.js";
import { useT } from "../../i18n/index.js";

const COLORS: Record<DocumentSummary["findings"][number]["code"], string> = {
  COPIED_FROM_HIGHER: "red",
  WHITE_HEAD_REISSUE: "volcano",
  DOCUMENT_TOO_LONG: "orange",
  COUNT_INCREASE: "gold",
};

/** The findings of a document as tags; the full message on hover. */
export function FindingTags({ findings }: { findings: DocumentSummary["findings"] }) {
  const t = useT();
  if (findings.length === 0) return <Tag color="green">{t.documents.noFindings}</Tag>;
  return (
    <>
      {findings.map((f, i) => (
        <Tooltip key={i} title={f.message}>
          <Tag color={COLORS[f.code]}>{t.documents.codes[f.code]}</Tag>
        </Tooltip>
      ))}
    </>
  );
}
