import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { seedDemoData } from "../../demo/seed.js";
import { createTestDatabase } from "../../test/database.js";
import { actorByUsername } from "../org/auth.js";
import { getUnit } from "../org/units.js";
import { oneTable } from "./collect/one-table.js";
import { DEMO_INDICATORS } from "./demo-catalog.js";
import { listForms } from "./forms.js";

/** The demo: Raohe's catalog and the 统计局's yearly form, mapped, so a village cadre has a one form to fill. */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe("demo data of 一表通", () => {
  it("seeds the catalog and one mapped form once; the village's one form asks its fields", async () => {
    const first = await seedDemoData(database.db, "Demo-test-2026");
    expect(first.indicators).toBe(DEMO_INDICATORS.length + 1);
    const tjj = (await actorByUsername(database.db, "raohe_tjj"))!;
    const forms = await listForms(database.db, tjj);
    expect(forms.map((f) => [f.status, f.fieldCount])).toEqual([["mapped", 6]]);
    const cadre = (await actorByUsername(database.db, "raohe_village"))!;
    const table = await oneTable(database.db, cadre, (await getUnit(database.db, "230524100200"))!);
    expect(table.questions.map((q) => q.code).sort()).toEqual(["JJ001", "JJ002", "RK001", "RK002", "RK003", "RK004"]);
    expect((await seedDemoData(database.db, "Demo-test-2026")).indicators).toBe(0);
  });
});
