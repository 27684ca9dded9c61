import { and, eq } from "drizzle-orm";
import { FACILITY_KIND_NAMES } from "../../../contracts/facilities.js";
import { PROJECT_KIND_NAMES, type ProjectFlagCode } from "../../../contracts/projects.js";
import type { Db } from "../../db/client.js";
import { isUniqueViolation } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import type { ReporterKeys } from "../cases/crypto.js";
import { openSystemCase } from "../cases/system.js";
import { resourcePolicy } from "./policy.js";
import { presentProjects, readableProject } from "./projects.js";
import { presentFacilities, readableFacility } from "./registry.js";
import { facilityCases, projectCases } from "./schema.js";

/**
 * Turns a project's flag into a case 问题线索 (category 形象工程), routed like any report about the
 * project's unit. Only a flag the project carries now, once per flag; the case and the link commit
 * together, and both are audited with the official who asked.
 */
export async function openProjectCase(db: Db, keys: ReporterKeys, actor: Actor, id: string, code: ProjectFlagCode): Promise<string> {
  const row = await readableProject(db, actor, id);
  authorize(resourcePolicy.canOpenCase(actor, { code: row.unitCode, path: row.unitPath }));
  const [project] = await presentProjects(db, null, [row], "zh-CN");
  const flag = project?.flags.find((f) => f.code === code);
  if (!project || !flag) throw new AppError("PROJECT_FLAG_NOT_RAISED");
  const [existing] = await db.select().from(projectCases).where(and(eq(projectCases.projectId, id), eq(projectCases.flag, code)));
  if (existing) throw new AppError("PROJECT_CASE_EXISTS");
  const text = [
    `项目“${project.name}”（${PROJECT_KIND_NAMES[project.kind].zh}，${project.unit.name}，业主：${project.owner}）`,
    `总投资 ${project.investment} 元，其中举债 ${project.debtFunds} 元；${project.hasFeasibilityStudy ? `可行性研究：${project.feasibilityDocument ?? "有"}` : "无可行性研究"}。`,
    `系统标记：${flag.message}。`,
  ].join("");
  try {
    return await db.transaction(async (tx) => {
      const caseId = await openSystemCase(tx, keys, { actor, unitCode: row.unitCode, category: "image_project", text, source: { module: "project", entityId: id, flag: code } });
      await tx.insert(projectCases).values({ projectId: id, flag: code, caseId, openedBy: actor.username, openedOn: chinaToday() });
      await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "project.open_case", entityType: "project", entityId: id, scopePath: row.unitPath, detail: { flag: code, caseId } });
      return caseId;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("PROJECT_CASE_EXISTS");
    throw err;
  }
}

/**
 * Turns a facility's idle flag 闲置 into a case 问题线索 (category 形象工程: a facility built and staffed
 * that nobody uses, the Wenzhou and Lishui cases), routed to the region above the facility's unit.
 * Only while the facility is flagged, once per flag; case and link commit together, both audited.
 */
export async function openFacilityCase(db: Db, keys: ReporterKeys, actor: Actor, id: string, code: "IDLE"): Promise<string> {
  const row = await readableFacility(db, actor, id);
  authorize(resourcePolicy.canOpenCase(actor, { code: row.unitCode, path: row.unitPath }));
  const [facility] = await presentFacilities(db, null, [row], "zh-CN");
  const flag = facility?.flags.find((f) => f.code === code);
  if (!facility || !flag) throw new AppError("FLAG_NOT_RAISED");
  if (flag.caseId) throw new AppError("FLAG_CASE_EXISTS");
  const text = [
    `设施“${facility.name}”（${FACILITY_KIND_NAMES[facility.kind].zh}，${facility.unit.name}，产权/管理：${facility.owner}）`,
    `建设投入 ${facility.cost} 元，每周值守 ${facility.staffHoursPerWeek} 小时（每月 ${facility.staffHoursPerMonth} 小时），开放时间：${facility.openingHours}。`,
    `近 12 个月到访：${facility.trend.map((p) => `${p.period} ${p.visits ?? "未报"}`).join("，")}。`,
    `系统标记：${flag.message}。`,
  ].join("");
  try {
    return await db.transaction(async (tx) => {
      const caseId = await openSystemCase(tx, keys, { actor, unitCode: row.unitCode, category: "image_project", text, source: { module: "facility", entityId: id, flag: code } });
      await tx.insert(facilityCases).values({ facilityId: id, flag: code, caseId, openedBy: actor.username, openedOn: chinaToday() });
      await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "facility.open_case", entityType: "facility", entityId: id, scopePath: row.unitPath, detail: { flag: code, caseId } });
      return caseId;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("FLAG_CASE_EXISTS");
    throw err;
  }
}
