import ExcelJS from "exceljs";
import type { Db } from "../../db/client.js";
import { listBurdens } from "../burdens/queries.js";
import { actorByUsername } from "../org/auth.js";
import { getUnit } from "../org/units.js";
import { importIndicators, listIndicators } from "./catalog.js";
import { confirmMapping } from "./confirm.js";
import { DEMO_INDICATORS } from "./demo-catalog.js";
import { listForms, uploadForm } from "./forms.js";

const RAOHE = "230524";

/** The table the 统计局 sends villages for its yearly household survey, as it has always looked. */
async function surveyTable(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("住户收支年报");
  const rows = [
    ["2026年农村住户收支情况年报（村级基本情况）"],
    ["填报单位：（盖章）                    单位：户、人、元、万元"],
    ["序号", "乡镇", "村名", "人口和户数", null, null, "外出务工人数（人）", "收入情况", null],
    [null, null, null, "户籍户数（户）", "户籍人口（人）", "常住人口（人）", null, "农村居民人均可支配收入（元）", "村集体经济收入（万元）"],
  ];
  rows.forEach((row, r) => row.forEach((v, c) => v !== null && (ws.getCell(r + 1, c + 1).value = v)));
  for (const range of ["A1:I1", "A2:I2", "A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:G4", "H3:I3"]) ws.mergeCells(range);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The 统计局's admitted form, uploaded and mapped, so a village's one form has something to ask. */
async function seedDemoForm(db: Db, referenceDate: string): Promise<number> {
  const tjj = await actorByUsername(db, "raohe_tjj");
  if (!tjj || (await listForms(db, tjj)).length > 0) return 0;
  const { items } = await listBurdens(db, tjj, { kind: "form", status: "admitted", limit: 10, offset: 0 });
  const burden = items.find((b) => b.issuer.code === tjj.scope.code);
  if (!burden) return 0;
  const form = await uploadForm(db, { actor: tjj, burdenId: burden.id, file: await surveyTable(), fileName: "农村住户收支情况年报.xlsx", referenceDate, lang: "zh-CN" });
  const fields = form.fields.filter((f) => f.role === "indicator" && f.proposal.indicatorId).map((f) => ({ position: f.position, role: "indicator" as const, indicatorId: f.proposal.indicatorId }));
  await confirmMapping(db, { actor: tjj, formId: form.id, input: { fields, importData: false }, lang: "zh-CN" });
  return 1;
}

/**
 * The demo catalog of 饶河县 and, when the demo burdens are there, one mapped form asking its figures for
 * `referenceDate` (the demo history's, see demo/forms-history.ts); once only.
 */
export async function seedDemoForms(db: Db, referenceDate: string): Promise<number> {
  const region = await getUnit(db, RAOHE);
  if (!region) return 0;
  let made = 0;
  if ((await listIndicators(db, RAOHE)).length === 0) made += (await importIndicators(db, { actor: null, region, inputs: DEMO_INDICATORS, source: "seed" })).created;
  return made + (await seedDemoForm(db, referenceDate));
}
