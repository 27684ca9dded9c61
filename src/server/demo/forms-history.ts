import ExcelJS from "exceljs";
import type { BurdenInput } from "../../contracts/burdens.js";
import type { Db } from "../db/client.js";
import type { Actor, ScopeUnit } from "../kernel/actor.js";
import { addDays } from "../kernel/dates.js";
import { periodOf, shiftPeriod } from "../kernel/periods.js";
import { seededRandom } from "../kernel/seeded-random.js";
import { createBurden, decideBurden, submitBurden } from "../modules/burdens/registry.js";
import { confirmMapping } from "../modules/forms/confirm.js";
import { oneTable } from "../modules/forms/collect/one-table.js";
import { submitOneTable } from "../modules/forms/collect/submit.js";
import { listForms, uploadForm } from "../modules/forms/forms.js";
import { actorByUsername } from "../modules/org/auth.js";
import { getUnit, unitsUnder } from "../modules/org/units.js";

/**
 * A year of 一表通 in Raohe, through the forms module's own functions on their days, so the dashboard's
 * chart of forms avoided says something true. In March (nine months back) the 统计局 issues its yearly table of village
 * figures (admitted by the gate as of that day) and the villages of 饶河镇 and 小佳河镇 answer it
 * through their one form over the spring, filled in by the township; in July (five months back) the 民政局 asks for a
 * population table that repeats four of those figures: for the villages that answered they are already
 * known (avoided), for the others the two forms ask them once (merged); only its two new figures are
 * asked, and the villages answer them over the autumn. The two villages with a cadre account are left to
 * fill their one form themselves. Idempotent: nothing is done once the 统计局's table of March exists.
 */

type HistoryForm = { by: string; title: string; sheet: string; columns: string[]; burden: { text: string; minutesPerTarget: number; dutyItem: string; fieldCount: number } };

const TJJ_TABLE: HistoryForm = {
  by: "raohe_tjj",
  title: "村级基本情况统计年报",
  sheet: "村级基本情况",
  columns: ["户籍户数（户）", "户籍人口（人）", "常住人口（人）", "外出务工人数（人）", "村集体经济收入（万元）"],
  burden: {
    text: "根据统计调查制度，请各村填报户籍户数、户籍人口、常住人口、外出务工人数和村集体经济收入，经乡镇审核后报县统计局。数据入一表通共享，其他部门不再重复索要。",
    minutesPerTarget: 60, dutyItem: "统计调查工作", fieldCount: 5,
  },
};

const MZJ_TABLE: HistoryForm = {
  by: "raohe_mzj",
  title: "村级人口和养老服务基本情况调查表",
  sheet: "人口和养老服务",
  columns: ["户籍户数（户）", "户籍人口（人）", "常住人口（人）", "外出务工人数（人）", "60岁及以上人口（人）", "留守儿童人数（人）"],
  burden: {
    text: "为掌握农村养老服务和留守儿童关爱需求，请各村填报人口、老年人口和留守儿童情况，经乡镇审核后报县民政局。",
    minutesPerTarget: 45, dutyItem: "社会救助", fieldCount: 6,
  },
};

/** The table as the department always sent it: a title, a header row naming township and village, one column per figure. */
async function tableOf(form: HistoryForm, year: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(form.sheet);
  ws.getCell(1, 1).value = `${year}年${form.title}`;
  ["序号", "乡镇", "村名", ...form.columns].forEach((h, i) => (ws.getCell(2, i + 1).value = h));
  ws.mergeCells(1, 1, 1, 3 + form.columns.length);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Issued on `on` to every village of Raohe through the gate as of that day, uploaded the day after and mapped. */
async function issueForm(db: Db, office: Actor, form: HistoryForm, on: string, deadline: string, referenceDate: string): Promise<void> {
  const actor = (await actorByUsername(db, form.by))!;
  const { fieldCount, ...b } = form.burden;
  const input: BurdenInput = {
    ...b, kind: "form", issuer: actor.scope.code, targets: { under: "230524", level: "village" }, title: `${on.slice(0, 4)}年${form.title}`, issuedOn: on, deadline, frequency: "once", details: { fieldCount },
  };
  const { id } = await createBurden(db, { actor, input, today: on });
  const submitted = await submitBurden(db, { actor, id, today: on });
  if (submitted.status === "in_review") await decideBurden(db, { actor: office, id, decision: "admit", reason: "经审核同意：数据纳入一表通共享，不得重复索要", today: on });
  else if (submitted.status !== "admitted") throw new Error(`demo form burden ${input.title} was ${submitted.status}`);
  const uploaded = await uploadForm(db, { actor, burdenId: id, file: await tableOf(form, Number(on.slice(0, 4))), fileName: `${form.title}.xlsx`, referenceDate, today: addDays(on, 1), lang: "zh-CN" });
  const fields = uploaded.fields.filter((f) => f.role === "indicator" && f.proposal.indicatorId).map((f) => ({ position: f.position, role: "indicator" as const, indicatorId: f.proposal.indicatorId }));
  await confirmMapping(db, { actor, formId: uploaded.id, input: { fields, importData: false }, lang: "zh-CN" });
}

/** Plausible figures of a village, the same for one village whichever form asks. */
function figuresOf(code: string): Record<string, number> {
  const rand = seededRandom(Number(code.slice(-6)));
  const households = 150 + Math.floor(rand() * 450);
  const registered = Math.round(households * (2.4 + rand() * 0.5));
  return {
    RK003: households, RK001: registered, RK002: Math.round(registered * (0.6 + rand() * 0.25)), RK004: Math.round(registered * (0.15 + rand() * 0.15)),
    RK005: Math.round(registered * (0.2 + rand() * 0.08)), RK006: 3 + Math.floor(rand() * 30), JJ001: Math.round((5 + rand() * 55) * 10) / 10,
  };
}

/** The township fills a village's one form on `on`: every figure it still asks. */
async function answer(db: Db, actor: Actor, village: ScopeUnit, on: string): Promise<number> {
  const table = await oneTable(db, actor, village);
  const figures = figuresOf(village.code);
  const values = table.questions.filter((q) => q.current === null && figures[q.code] !== undefined).map((q) => ({ indicatorId: q.indicatorId, periodKey: q.periodKey, value: String(figures[q.code]) }));
  if (values.length === 0) return 0;
  await submitOneTable(db, { actor, village, input: { idempotencyKey: `demo-history-${village.code}-${on}`, values }, lang: "zh-CN", today: on });
  return 1;
}

/** The history's first form, the 统计局's table "of March": nine months back, so the dashboard's year has both forms. */
const FIRST_FORM_MONTHS_AGO = 9;

/**
 * The day every form of the demo asks its yearly figures for: the end of the year of the history's first
 * form. Today's form (forms/demo.ts) and the two of the history then ask the same figures, and a village's
 * one form asks each once, in whatever month the demo is seeded (in January the history's year is the last one).
 */
export const demoFormsReferenceDate = (today: string): string => `${shiftPeriod(periodOf(today), -FIRST_FORM_MONTHS_AGO).slice(0, 4)}-12-31`;

export async function seedDemoFormsHistory(db: Db, today: string): Promise<number> {
  const office = await actorByUsername(db, "raohe_office");
  const tjj = await actorByUsername(db, "raohe_tjj");
  const year = Number(today.slice(0, 4));
  // March and July when the demo runs in December; always nine and five months back, so the dashboard's year has both.
  const month = periodOf(today);
  const [march, july] = [`${shiftPeriod(month, -FIRST_FORM_MONTHS_AGO)}-02`, `${shiftPeriod(month, -5)}-01`];
  const referenceDate = demoFormsReferenceDate(today);
  if (!office || !tjj || (await listForms(db, tjj)).some((f) => f.title === `${march.slice(0, 4)}年${TJJ_TABLE.title}`)) return 0;
  const fillers = await Promise.all(["raohe_town", "xiaojiahe_town"].map((u) => actorByUsername(db, u)));
  const cadreVillages = new Set(["230524100200", "230524101200"]);
  const rand = seededRandom(20260302);
  const rounds: { from: string; days: number }[] = [{ from: addDays(march, 7), days: 100 }, { from: addDays(july, 7), days: 110 }];
  let made = 0;
  await issueForm(db, office, TJJ_TABLE, march, `${year}-12-31`, referenceDate);
  for (const [round, { from, days }] of rounds.entries()) {
    if (round === 1) await issueForm(db, office, MZJ_TABLE, july, `${year}-12-31`, referenceDate);
    for (const filler of fillers) {
      if (!filler) continue;
      const township = (await getUnit(db, filler.scope.code))!;
      const villages = (await unitsUnder(db, township.path, "village")).filter((v) => !cadreVillages.has(v.code));
      // In spring two in three villages answer; in autumn every village that answered then, and a few more.
      const answering = villages.filter((_, i) => (round === 0 ? i % 3 !== 2 : i % 3 !== 2 || i % 2 === 0));
      const dated = answering.map((v) => ({ v, on: addDays(from, Math.floor(rand() * days)) })).sort((a, b) => a.on.localeCompare(b.on));
      for (const { v, on } of dated) if (on < today) made += await answer(db, filler, v, on);
    }
  }
  return made;
}
