import { count } from "drizzle-orm";
import type { BurdenInput } from "../../../contracts/burdens.js";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../kernel/actor.js";
import { addDays } from "../../kernel/dates.js";
import { createBurden, decideBurden, submitBurden } from "../burdens/registry.js";
import { decidePlanItem, insertPlanItems, planDepartment } from "../inspection-plans/registry.js";
import { inspectionPlanItems } from "../inspection-plans/schema.js";
import { actorByUsername } from "../org/auth.js";
import { getUnit, unitsUnder } from "../org/units.js";
import { registerRanking, cancelRanking } from "../rankings/registry.js";

/**
 * Demo data of issue 6 for Raohe 饶河县: a county meeting relayed by two townships within days (层层开会
 * on the register and in the chain), the year's inspection plan with items approved, rejected and
 * waiting, and ranking notices and assessments against last year (most notices cancelled, the
 * township assessment cut from 74 indicators to 8). Past months' meetings come from the burden
 * index's ledger. Idempotent: nothing is seeded when the plan holds any item.
 */

async function admit(db: Db, actor: Actor, office: Actor, input: BurdenInput): Promise<string> {
  const { id } = await createBurden(db, { actor, input });
  const submitted = await submitBurden(db, { actor, id });
  if (submitted.status === "in_review") await decideBurden(db, { actor: office, id, decision: "admit", reason: "会议已压缩时长、精简参会人员，同意召开" });
  return id;
}

const meeting = (over: Partial<BurdenInput> & Pick<BurdenInput, "issuer" | "title" | "issuedOn" | "deadline">, details: Record<string, unknown>): BurdenInput =>
  ({ kind: "meeting", targets: { under: "230524", level: "township" }, text: "", frequency: "once", minutesPerTarget: 90, details, ...over }) as BurdenInput;

async function seedMeetings(db: Db, users: Record<string, Actor>, today: string) {
  const { xwb, mzj, office } = users as Record<"xwb" | "mzj" | "office", Actor>;
  const town = users.town!;
  const xjh = users.xjh!;
  const county = await admit(
    db,
    xwb,
    office,
    meeting(
      { issuer: "230524D04", title: "全县冬季森林草原防灭火和安全生产工作会议", text: "传达省市会议精神，部署冬季森林草原防灭火和安全生产工作。各乡镇党委书记、乡镇长参会。", issuedOn: today, deadline: addDays(today, 6), minutesPerTarget: 240 },
      { lengthMinutes: 120, attendeesPerTarget: 2, mode: "in_person", general: false, speechMinutes: 50 },
    ),
  );
  const relay = (actor: Actor, issuer: string, name: string, days: number) =>
    admit(
      db,
      actor,
      office,
      meeting(
        { issuer, parentId: county, targets: { under: issuer, level: "village" }, title: `${name}传达全县冬季森林草原防灭火和安全生产工作会议精神`, text: "传达县会议精神，再次部署冬季森林草原防灭火和安全生产工作，各村党支部书记、护林员参会。", issuedOn: today, deadline: addDays(today, 6 + days), minutesPerTarget: 180 },
        { lengthMinutes: 90, attendeesPerTarget: 2, mode: "in_person", general: false, relaysMeetingId: county },
      ),
    );
  await relay(town, "230524100000", "饶河镇", 2);
  await relay(xjh, "230524101000", "小佳河镇", 3);
  await admit(
    db,
    mzj,
    office,
    meeting(
      { issuer: "230524D03", title: "全县民政系统冬季救助工作视频会", text: "部署冬季困难群众救助工作，视频开到乡镇，不再层层开会。", issuedOn: today, deadline: addDays(today, 9), minutesPerTarget: 60 },
      { lengthMinutes: 60, attendeesPerTarget: 1, mode: "video", general: false },
    ),
  );
}

async function seedPlan(db: Db, users: Record<string, Actor>, year: number) {
  const county = await getUnit(db, "230524");
  if (!county) return;
  const townships = (await unitsUnder(db, county.path, "township")).map((u) => u.code);
  const submit = async (actor: Actor, department: string, items: { title: string; targets: string[]; month: number; comprehensive?: boolean }[]) => {
    const unit = await planDepartment(db, actor, department);
    return db.transaction((tx) => insertPlanItems(tx, actor, unit, items.map((i) => ({ ...i, department, year, comprehensive: i.comprehensive ?? false }))));
  };
  const [general] = await submit(users.xwb!, "230524D04", [{ title: "乡镇年度综合考核（年终一次，合并各部门考核）", targets: townships, month: 12, comprehensive: true }]);
  const [merged, monthly] = await submit(users.nyncj!, "230524D01", [
    { title: "秸秆禁烧和黑土地保护专项检查（春秋合并）", targets: townships.slice(0, 5), month: 4 },
    { title: "农村人居环境整治月度检查", targets: townships, month: 6 },
  ]);
  // 县民政局's item waits for the office's decision.
  await submit(users.mzj!, "230524D03", [{ title: "农村低保和特困供养专项督查", targets: townships.slice(0, 3), month: 11 }]);
  const rows = await db.select({ id: inspectionPlanItems.id, code: inspectionPlanItems.code }).from(inspectionPlanItems);
  const idOf = (code: string | undefined) => rows.find((r) => r.code === code)!.id;
  const office = users.office!;
  await decidePlanItem(db, { actor: office, id: idOf(general), decision: "approve", reason: "全县唯一的综合性考核，各部门考核一并纳入" });
  await decidePlanItem(db, { actor: office, id: idOf(merged), decision: "approve", reason: "春秋两季合并为一次，与乡镇综合考核错开" });
  await decidePlanItem(db, { actor: office, id: idOf(monthly), decision: "reject", reason: "月度检查过频，已纳入年终综合考核，不再单独开展" });
}

async function seedRankings(db: Db, users: Record<string, Actor>, year: number) {
  const townships = ["230524100000", "230524101000", "230524102000", "230524103000"];
  const notice = (actor: Actor, issuer: string, y: number, title: string, ranked: string, indicatorCount = 1, kind: "ranking_notice" | "assessment" = "ranking_notice") =>
    registerRanking(db, { actor, input: { kind, issuer, year: y, title, targets: townships, indicatorCount, ranked } });
  for (let m = 1; m <= 12; m++) await notice(users.nyncj!, "230524D01", year - 1, `${year - 1}年第${m}期农业农村重点工作排名通报`, "各乡镇农业农村重点工作进度");
  await notice(users.office!, "230524", year - 1, `${year - 1}年度乡镇工作实绩考核`, "乡镇年度目标责任", 74, "assessment");
  await notice(users.office!, "230524", year, `${year}年度乡镇工作实绩考核（精简后）`, "乡镇年度目标责任", 8, "assessment");
  const ids = [];
  for (let m = 1; m <= 3; m++) ids.push(await notice(users.nyncj!, "230524D01", year, `${year}年第${m}期农业农村重点工作排名通报`, "各乡镇农业农村重点工作进度"));
  for (const id of ids.slice(0, 2)) await cancelRanking(db, { actor: users.office!, id, reason: "以排名代替考核，层层加压，增加基层负担，予以取消" });
  await notice(users.mzj!, "230524D03", year, `${year}年社会救助工作季度排名通报`, "各乡镇救助资金发放进度");
}

export async function seedDemoIssue6(db: Db, today: string): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(inspectionPlanItems);
  if ((existing?.n ?? 0) > 0) return 0;
  const names = { office: "raohe_office", xwb: "raohe_xwb", mzj: "raohe_mzj", nyncj: "raohe_nyncj", town: "raohe_town", xjh: "xiaojiahe_town" };
  const users: Record<string, Actor> = {};
  for (const [key, username] of Object.entries(names)) {
    const actor = await actorByUsername(db, username);
    if (!actor) return 0;
    users[key] = actor;
  }
  const year = Number(today.slice(0, 4));
  await seedMeetings(db, users, today);
  await seedPlan(db, users, year);
  await seedRankings(db, users, year);
  return 1;
}
