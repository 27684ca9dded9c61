import type { Db } from "../db/client.js";
import { seedDemoIndex } from "./burden-history.js";
import { seedDemoBurdens } from "../modules/burdens/demo.js";
import { seedDemoCases } from "../modules/cases/demo.js";
import { seedDemoCaseHistory } from "./case-history.js";
import { demoFormsReferenceDate, seedDemoFormsHistory } from "./forms-history.js";
import { seedDemoDocuments } from "../modules/documents/demo.js";
import { seedDemoDuties } from "../modules/duties/demo.js";
import { seedDemoIssue6 } from "../modules/meetings/demo.js";
import { seedDemoSecondments } from "../modules/secondments/demo.js";
import { seedDemoProofs } from "../modules/proofs/demo.js";
import { seedDemoEvaluations } from "../modules/evaluations/demo.js";
import { seedDemoFingertips } from "../modules/fingertips/demo.js";
import { chinaToday } from "../kernel/dates.js";
import { seedDemoForms } from "../modules/forms/demo.js";
import { seedDemoFacilities } from "../modules/facilities/demo.js";
import { seedDemoPowers } from "../modules/powers/demo.js";
import { seedDemoMonitoring } from "../modules/monitoring/demo.js";
import { seedDemoSatisfaction } from "../modules/satisfaction/demo.js";
import { seedDemo as seedDemoOrg } from "../modules/org/demo-seed.js";

/**
 * The demo data of every module, in dependency order: the hierarchy and accounts, then the duty lists, then burdens that pass the gate,
 * then documents.
 * Each step is idempotent, so a restart seeds nothing twice.
 */
export async function seedDemoData(
  db: Db,
  password: string,
  options: { burdens?: boolean; documents?: boolean; secondments?: boolean; facilities?: boolean; history?: boolean } = {},
) {
  const org = await seedDemoOrg(db, password);
  const duties = await seedDemoDuties(db);
  const burdens = options.burdens === false ? 0 : await seedDemoBurdens(db);
  const documents = options.documents === false ? 0 : await seedDemoDocuments(db, Number(chinaToday().slice(0, 4)));
  const secondments = options.secondments === false ? 0 : await seedDemoSecondments(db, chinaToday());
  // Raohe's list of proofs villages may issue and two villages' ledgers of two years (tests make their own).
  const proofs = options.burdens === false ? 0 : await seedDemoProofs(db, chinaToday());
  const cases = await seedDemoCases(db);
  const indicators = await seedDemoForms(db, demoFormsReferenceDate(chinaToday()));
  // A year of 一表通 (forms-history.ts): forms issued, answered and reused on their days; with the burdens only.
  const formsHistory = options.burdens === false || options.history === false ? 0 : await seedDemoFormsHistory(db, chinaToday());
  // The burden index's history: Raohe's ledger of last year and this one (burden-index/demo.ts).
  const ledger = options.burdens === false ? 0 : await seedDemoIndex(db, chinaToday());
  // Meetings, the inspection plan and ranking notices (issue 6); they register burdens, so only with the burdens.
  const registers = options.burdens === false ? 0 : await seedDemoIssue6(db, chinaToday());
  // Apps and groups, plaques and evaluations are burdens too: seeded with the burdens' demo (tests make their own).
  const fingertips = options.burdens === false ? 0 : await seedDemoFingertips(db);
  const evaluations = options.burdens === false ? { plaques: 0, evaluations: 0 } : await seedDemoEvaluations(db, chinaToday());
  // Facilities, projects and delegated powers of Raohe (issue 8).
  const facilities = options.facilities === false ? 0 : await seedDemoFacilities(db, chinaToday());
  const powers = options.facilities === false ? 0 : await seedDemoPowers(db, chinaToday());
  // Monitoring answers speak of the ledger's burdens, so they come after it.
  const monitoring = options.burdens === false ? 0 : await seedDemoMonitoring(db, chinaToday());
  const satisfaction = options.burdens === false ? 0 : await seedDemoSatisfaction(db, chinaToday());
  // Two years of cases for the dashboard's case chart (case-history.ts); tests seed their own cases.
  const caseHistory = options.burdens === false || options.history === false ? 0 : await seedDemoCaseHistory(db, chinaToday());
  return { ...org, duties, burdens, documents, secondments, proofs, cases, indicators, ledger, registers, fingertips, ...evaluations, facilities, powers, monitoring, satisfaction, caseHistory, formsHistory };
}
