import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import type { CaseCategory, CaseStatus } from "../../../contracts/cases.js";
import type { Db } from "../../db/client.js";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { getUnit } from "../org/units.js";
import { routeCase } from "./routing.js";
import { caseEvents, caseNotices, cases } from "./schema.js";

type DemoCase = {
  unitCode: string;
  category: CaseCategory;
  text: string;
  path: CaseStatus[];
  note?: string;
  message?: string;
  /** How the case reads in the notice that published it. */
  notice: { problem: string; handling: string; lesson: string };
};

/** Cases modelled on reported ones (issue 5), at different points of their handling. */
const DEMO_CASES: DemoCase[] = [
  {
    unitCode: "230524100000",
    category: "fingertip",
    text: "饶河镇一名干部给15个村下达政务公众号“涨粉”任务，每村每月新增关注不少于200人，完不成的在全镇工作群通报排名。",
    path: ["verifying", "substantiated", "rectifying"],
    note: "已调取镇工作群记录，情况属实。",
    message: "您反映的问题经核实属实，已责成饶河镇整改，整改期限30个工作日。",
    notice: {
      problem: "该镇一名干部向15个村下达政务公众号“涨粉”任务，要求每村每月新增关注不少于200人，并在全镇工作群通报排名。",
      handling: "县减负办责令立即撤销相关要求，对该干部进行约谈，相关排名通报已全部撤回。",
      lesson: "严禁以“涨粉”“点赞”“下载量”等指标考核基层。",
    },
  },
  {
    unitCode: "230524101000",
    category: "meetings_documents",
    text: "小佳河镇要求各村干部周六、周日参加线上集中学习，必须全程开摄像头并截图上报，占用休息时间。",
    path: ["verifying", "substantiated", "rectifying", "verified", "closed"],
    message: "经核实属实，已责成小佳河镇停止占用休息时间组织学习，整改已验收。",
    notice: {
      problem: "该镇要求各村干部周六、周日参加线上集中学习，全程开摄像头并截图上报，长期占用休息时间。",
      handling: "县减负办责令整改，学习安排已调整到工作日，截图上报要求已取消。",
      lesson: "学习培训要讲求实效，不得以“留痕”代替落实、占用基层干部休息时间。",
    },
  },
  {
    unitCode: "230524",
    category: "statistical_fraud",
    text: "县里一名干部授意企业虚报固定资产投资数据，以完成招商引资考核指标。",
    path: ["verifying", "substantiated", "rectifying", "verified", "closed"],
    note: "移交纪检监察机关依规依纪处理。",
    notice: {
      problem: "该县一名干部为完成招商引资考核指标，授意企业虚报固定资产投资数据。",
      handling: "市纪委监委对其立案审查，相关统计数据已更正。",
      lesson: "统计造假必须严肃追责，数据真实是考核的底线。",
    },
  },
];

type Seeded = { id: string; demo: DemoCase; unitName: string; regionPath: string; role: string };

/** Publishes the demo cases in notices of the bodies that handled them, numbered 〔year〕1号. */
async function seedDemoNotices(db: Db, seeded: Seeded[], today: string) {
  const byBody = new Map<string, Seeded[]>();
  for (const s of seeded) byBody.set(`${s.regionPath}|${s.role}`, [...(byBody.get(`${s.regionPath}|${s.role}`) ?? []), s]);
  const year = Number(today.slice(0, 4));
  for (const [key, group] of byBody) {
    const [regionPath = "", role = "office"] = key.split("|");
    const region = await getUnit(db, regionPath.split(".").at(-1) ?? "");
    if (!region) continue;
    const short = region.name.replace(/(自治县|县|市|区|旗)$/, "");
    await db.insert(caseNotices).values({
      regionCode: region.code,
      regionPath,
      handlerRole: role,
      issuer: `${region.name}${role === "commission" ? "纪委监委" : "整治形式主义为基层减负专项工作机制办公室"}`,
      title: `关于${group.length}起形式主义、官僚主义典型问题的通报`,
      items: group.map((s) => ({ unitName: s.unitName, category: s.demo.category, ...s.demo.notice })),
      caseIds: group.map((s) => s.id),
      status: "published",
      year,
      seq: 1,
      number: `${short}${role === "commission" ? "纪通" : "减负通"}〔${year}〕1号`,
      publishedOn: addDays(today, -3),
      createdBy: "00000000-0000-4000-8000-000000000000",
    });
  }
}

/** Idempotent: seeds nothing once a demo case exists. Demo cases have no usable receipt code. */
export async function seedDemoCases(db: Db): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(cases).where(eq(cases.text, DEMO_CASES[0]!.text));
  if ((existing?.n ?? 0) > 0) return 0;
  const today = chinaToday();
  const seeded: Seeded[] = [];
  for (const [i, demo] of DEMO_CASES.entries()) {
    const unit = await getUnit(db, demo.unitCode);
    if (!unit) continue;
    const route = await routeCase(db, unit, demo.category, "public");
    const id = randomUUID();
    const receivedOn = addDays(today, -20 - i * 15);
    const status = demo.path.at(-1) ?? "received";
    seeded.push({ id, demo, unitName: unit.name, regionPath: route.regionPath, role: route.role });
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
  await seedDemoNotices(db, seeded, today);
  return DEMO_CASES.length;
}
