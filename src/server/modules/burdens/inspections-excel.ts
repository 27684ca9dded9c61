import type { Db } from "../../db/client.js";
import type { Actor } from "../../kernel/actor.js";
import { writeTable } from "../../kernel/excel/table.js";
import { inspectionMergeProposals } from "./inspection-merge.js";
import { listInspectionVisits } from "./inspection-visits.js";

/**
 * 督检考统筹 in Excel, out only: the merge proposals of a quarter (computed from the admitted inspections
 * each time) and the joint visits recorded (each accepted on the page, with the inspections it merges, so
 * a sheet could not say more than the page's single accept). One inspection a row, so the sheet sorts
 * and filters by township, issuer or date.
 */
const PROPOSAL_COLUMNS = [
  { id: "township", header: "乡镇（街道）", width: 18 },
  { id: "issuers", header: "检查单位数", width: 10 },
  { id: "span", header: "检查日期范围", width: 24 },
  { id: "title", header: "检查事项", width: 40 },
  { id: "issuer", header: "检查单位", width: 24 },
  { id: "date", header: "检查日期", width: 12 },
  { id: "onSite", header: "现场检查", width: 10 },
  { id: "number", header: "准入编号", width: 24 },
] as const;

const VISIT_COLUMNS = [
  { id: "township", header: "乡镇（街道）", width: 18 },
  { id: "visitOn", header: "联合检查日期", width: 12 },
  { id: "lead", header: "牵头单位", width: 24 },
  { id: "title", header: "合并的检查事项", width: 40 },
  { id: "issuer", header: "检查单位", width: 24 },
  { id: "number", header: "准入编号", width: 24 },
  { id: "note", header: "备注", width: 30 },
  { id: "createdBy", header: "登记人", width: 16 },
] as const;

type Period = { year: number; quarter: number };

export async function exportInspectionProposals(db: Db, actor: Actor, period: Period): Promise<Buffer> {
  const { proposals } = await inspectionMergeProposals(db, actor, period);
  return writeTable({
    title: `${actor.scope.name}${period.year}年第${period.quarter}季度督查检查合并建议`,
    sheet: "合并建议",
    columns: PROPOSAL_COLUMNS,
    rows: proposals.flatMap((p) =>
      p.inspections.map((i) => ({
        township: `${p.townshipName}（${p.townshipCode}）`,
        issuers: p.issuers,
        span: `${p.earliest} 至 ${p.latest}`,
        title: i.title,
        issuer: i.issuerName,
        date: i.date,
        onSite: i.onSite,
        number: i.admissionNumber ?? "",
      })),
    ),
  });
}

export async function exportInspectionVisits(db: Db, actor: Actor, period: Period): Promise<Buffer> {
  const { items } = await listInspectionVisits(db, actor, period);
  return writeTable({
    title: `${actor.scope.name}${period.year}年第${period.quarter}季度联合检查`,
    sheet: "联合检查",
    columns: VISIT_COLUMNS,
    rows: items.flatMap((v) =>
      v.inspections.map((i) => ({
        township: `${v.township.name}（${v.township.code}）`,
        visitOn: v.visitOn,
        lead: v.lead.name,
        title: i.title,
        issuer: i.issuerName,
        number: i.admissionNumber ?? "",
        note: v.note ?? "",
        createdBy: v.createdBy,
      })),
    ),
  });
}
