import { HEAD_NAMES } from "../../../contracts/documents.js";
import type { Db } from "../../db/client.js";
import type { Lang } from "../../http/i18n.js";
import type { Actor } from "../../kernel/actor.js";
import { writeTable } from "../../kernel/excel/table.js";
import { listDocuments } from "./queries.js";

/** The documents register 文件登记台账 as a sheet: one row per document, its findings in words. */
const COLUMNS = [
  { id: "issuedOn", header: "成文日期", width: 12 },
  { id: "issuer", header: "发文单位", width: 24 },
  { id: "docNumber", header: "文号", width: 20 },
  { id: "title", header: "标题", width: 40 },
  { id: "head", header: "形式", width: 10 },
  { id: "scope", header: "类别", width: 10 },
  { id: "chars", header: "字数", width: 8 },
  { id: "findings", header: "问题", width: 60 },
] as const;

const SCOPE_NAMES = { general: "综合性", specific: "专项" } as const;

/** The documents one may read (of a year, of an issuer, only flagged ones; up to 10,000 rows). */
export async function exportDocuments(db: Db, actor: Actor, query: { year?: number; issuer?: string; flagged?: "true" | "false" }, lang: Lang): Promise<Buffer> {
  const { items } = await listDocuments(db, actor, { ...query, limit: 10_000, offset: 0 }, lang);
  return writeTable({
    title: `文件登记台账${query.year ? `（${query.year}年）` : ""}`,
    sheet: "文件登记",
    columns: COLUMNS,
    rows: items.map((d) => ({
      issuedOn: d.issuedOn,
      issuer: `${d.issuerName}（${d.issuerCode}）`,
      docNumber: d.docNumber,
      title: d.title,
      head: HEAD_NAMES[d.head].zh,
      scope: SCOPE_NAMES[d.scope],
      chars: d.chars,
      findings: d.findings.map((f) => f.message).join("；"),
    })),
  });
}
