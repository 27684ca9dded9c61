import { addDays } from "../../kernel/dates.js";
import { count } from "drizzle-orm";
import type { BurdenInput } from "../../../contracts/burdens.js";
import type { Db } from "../../db/client.js";
import { actorByUsername } from "../org/auth.js";
import { getUnit } from "../org/units.js";
import { addRegisterEntries } from "./gate/settings.js";
import { chinaToday } from "./prepare.js";
import { createBurden, decideBurden, submitBurden } from "./registry.js";
import { burdens } from "./schema.js";


type DemoBurden = { by: string; input: BurdenInput; submit: boolean; officeDecision?: { decision: "admit" | "return"; reason: string } };

function demoBurdens(today: string): DemoBurden[] {
  const d = (n: number) => addDays(today, n);
  return [
    {
      by: "raohe_tjj",
      submit: true,
      officeDecision: { decision: "admit", reason: "国家统计调查制度规定的年度任务，已与乡镇协调时限" },
      input: {
        kind: "form", issuer: "230524D02", targets: { under: "230524", level: "village" }, title: "关于开展2026年农村住户收支情况年报的通知",
        text: "根据国家统计调查制度，请各村（社区）配合完成农村住户收支情况年报，数据经乡镇审核后报送县统计局。", issuedOn: today, deadline: d(20),
        frequency: "yearly", minutesPerTarget: 90, dutyItem: "统计调查工作", details: { fieldCount: 32 },
      },
    },
    {
      by: "raohe_mzj",
      submit: true,
      input: {
        kind: "task", issuer: "230524D03", targets: { under: "230524", level: "village" }, title: "开展冬季困难群众走访慰问和救助需求摸排",
        text: "请各村对低保、特困、临时救助对象开展入户走访，摸清取暖和生活救助需求，发现问题及时按程序申请救助。", issuedOn: today, deadline: d(30),
        frequency: "once", minutesPerTarget: 240, dutyItem: "社会救助", details: {},
      },
    },
    {
      by: "raohe_nyncj",
      submit: true,
      input: {
        kind: "form", issuer: "230524D01", targets: { under: "230524", level: "village" }, title: "关于填报各村耕地面积和农作物种植结构情况表的通知",
        text: "请各村填写耕地面积、农作物播种面积和种植结构情况表，每户需附现场照片和签字台账，两日内报县农业农村局。", issuedOn: today, deadline: d(2),
        frequency: "once", minutesPerTarget: 180, details: { fieldCount: 28 },
      },
    },
    {
      by: "raohe_town",
      submit: true,
      input: {
        kind: "task", issuer: "230524100000", targets: { under: "230524100000", level: "village" }, title: "各村政务公众号每日新增粉丝任务",
        text: "各村（社区）须每天为镇政务公众号新增粉丝100人，每周通报排名，未完成的村党支部书记须作出书面检讨。", issuedOn: today, deadline: d(30),
        frequency: "daily", minutesPerTarget: 60, quantity: { value: 100, unit: "人", per: "day" }, details: {},
      },
    },
    // Two departments inspecting 饶河镇 a week apart: the inspection planning page proposes one joint visit.
    {
      by: "raohe_nyncj",
      submit: true,
      officeDecision: { decision: "admit", reason: "列入年度督检考计划，同意开展" },
      input: {
        kind: "inspection", issuer: "230524D01", targets: ["230524100000", "230524101000"], title: "秋冬季农业生产安全专项检查",
        text: "县农业农村局将到乡镇现场检查秋冬季农业生产安全和农机安全工作，请相关乡镇做好配合。", issuedOn: today, deadline: d(12),
        frequency: "once", minutesPerTarget: 180, details: { comprehensive: false, onSite: true, planItemCode: "RH-DJK-02" },
      },
    },
    {
      by: "raohe_mzj",
      submit: true,
      officeDecision: { decision: "admit", reason: "列入年度督检考计划，同意开展" },
      input: {
        kind: "inspection", issuer: "230524D03", targets: ["230524100000"], title: "农村低保和特困供养专项督查",
        text: "县民政局将到乡镇督查农村低保和特困供养政策落实情况，抽查部分村的救助档案。", issuedOn: today, deadline: d(19),
        frequency: "once", minutesPerTarget: 150, details: { comprehensive: false, onSite: true, planItemCode: "RH-DJK-02" },
      },
    },
    {
      by: "raohe_xwb",
      submit: false,
      input: {
        kind: "meeting", issuer: "230524D04", targets: { under: "230524", level: "township" }, title: "全县冬季森林草原防灭火工作视频会议",
        text: "传达省市会议精神，部署冬季森林草原防灭火工作。各乡镇主要负责同志在分会场参会。", issuedOn: today, deadline: d(10),
        frequency: "once", minutesPerTarget: 90, details: { lengthMinutes: 90, attendeesPerTarget: 2, mode: "video", general: false, speechMinutes: 40 },
      },
    },
  ];
}

/** A few burdens in every state, so each role's screens show something true about Raohe. Idempotent. */
export async function seedDemoBurdens(db: Db): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(burdens);
  if ((existing?.n ?? 0) > 0) return 0;
  const today = chinaToday();
  const office = await actorByUsername(db, "raohe_office");
  const raohe = await getUnit(db, "230524");
  if (!office || !raohe) return 0;
  await addRegisterEntries(db, {
    actor: office,
    region: raohe,
    year: Number(today.slice(0, 4)),
    register: "inspection_plan",
    entries: [
      { code: "RH-DJK-01", title: "饶河县年度乡镇综合考核（年终一次）" },
      { code: "RH-DJK-02", title: "森林防火专项督查（春秋两季合并开展）" },
    ],
  });
  let made = 0;
  for (const b of demoBurdens(today)) {
    const actor = await actorByUsername(db, b.by);
    if (!actor) continue;
    const created = await createBurden(db, { actor, input: b.input });
    made++;
    if (!b.submit) continue;
    const submitted = await submitBurden(db, { actor, id: created.id });
    if (submitted.status === "in_review" && b.officeDecision) await decideBurden(db, { actor: office, id: created.id, ...b.officeDecision });
  }
  return made;
}
