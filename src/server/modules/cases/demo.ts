import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import type { CaseCategory, CaseStatus } from "../../../contracts/cases.js";
import type { Db } from "../../db/client.js";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { getUnit } from "../org/units.js";
import { routeCase } from "./routing.js";
import { caseEvents, cases } from "./schema.js";

type DemoCase = { unitCode: string; category: CaseCategory; text: string; path: CaseStatus[]; note?: string; message?: string };

/** Cases modelled on reported ones (issue 5), at different points of their handling. */
const DEMO_CASES: DemoCase[] = [
  {
    unitCode: "230524100000",
    category: "fingertip",
    text: "饶河镇一名干部给15个村下达政务公众号“涨粉”任务，每村每月新增关注不少于200人，完不成的在全镇工作群通报排名。",
    path: ["verifying", "substantiated", "rectifying"],
    note: "已调取镇工作群记录，情况属实。",
    message: "您反映的问题经核实属实，已责成饶河镇整改，整改期限30个工作日。",
  },
  {
    unitCode: "230524101000",
    category: "meetings_documents",
    text: "小佳河镇要求各村干部周六、周日参加线上集中学习，必须全程开摄像头并截图上报，占用休息时间。",
    path: ["verifying"],
    message: "已收到，正在核实，请您保留相关通知截图。",
  },
  {
    unitCode: "230524",
    category: "statistical_fraud",
    text: "县里一名干部授意企业虚报固定资产投资数据，以完成招商引资考核指标。",
    path: ["verifying", "substantiated", "rectifying", "verified", "closed"],
    note: "移交纪检监察机关依规依纪处理。",
  },
];

/** Idempotent: seeds nothing once a demo case exists. Demo cases have no usable receipt code. */
export async function seedDemoCases(db: Db): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(cases).where(eq(cases.text, DEMO_CASES[0]!.text));
  if ((existing?.n ?? 0) > 0) return 0;
  const today = chinaToday();
  for (const [i, demo] of DEMO_CASES.entries()) {
    const unit = await getUnit(db, demo.unitCode);
    if (!unit) continue;
    const route = await routeCase(db, unit, demo.category, "public");
    const id = randomUUID();
    const receivedOn = addDays(today, -20 - i * 15);
    const status = demo.path.at(-1) ?? "received";
    await db.transaction(async (tx) => {
      await tx.insert(cases).values({
        id,
        channel: "public",
        category: demo.category,
        status,
        text: demo.text,
        unitCode: unit.code,
        unitPath: unit.path,
        provinceCode: unit.provinceCode,
        handlerRegionPath: route.regionPath,
        handlerDepth: route.depth,
        handlerRole: route.role,
        deadline: status === "closed" ? null : addDays(today, 10 - i * 12),
        noAdmission: true,
        anonymous: true,
        receiptTag: "demo00",
        receiptHash: "!demo: no receipt",
        receivedOn,
      });
      const events = [
        { kind: "received", author: "reporter", status: "received", visibleToReporter: true, body: null },
        ...demo.path.map((s) => ({ kind: "status", author: "system", status: s, visibleToReporter: true, body: "演示数据" })),
        ...(demo.note ? [{ kind: "note", author: "system", status: null, visibleToReporter: false, body: demo.note }] : []),
        ...(demo.message ? [{ kind: "message", author: "system", status: null, visibleToReporter: true, body: demo.message }] : []),
      ];
      await tx.insert(caseEvents).values(events.map((e, k) => ({ ...e, caseId: id, on: addDays(receivedOn, k * 3), at: k === 0 ? null : new Date() })));
    });
  }
  return DEMO_CASES.length;
}
