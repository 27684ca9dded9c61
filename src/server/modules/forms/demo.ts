import type { Db } from "../../db/client.js";
import { getUnit } from "../org/units.js";
import { importIndicators, listIndicators } from "./catalog.js";
import { DEMO_INDICATORS } from "./demo-catalog.js";

const RAOHE = "230524";

/** The demo catalog of 饶河县; once only (a restart seeds nothing twice). */
export async function seedDemoForms(db: Db): Promise<number> {
  const region = await getUnit(db, RAOHE);
  if (!region || (await listIndicators(db, RAOHE)).length > 0) return 0;
  const { created } = await importIndicators(db, { actor: null, region, inputs: DEMO_INDICATORS, source: "seed" });
  return created;
}
