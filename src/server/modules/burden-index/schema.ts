import { doublePrecision, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * The burden index 负担指数: rollups of burden_targets per unit of every level (village → township →
 * county → city → province → nation, by each target's materialized path) and month, kept in step when a
 * burden comes into or out of force (rollup.ts) and rebuildable from scratch. A burden counts in every
 * month its target rows load (the gate's monthly load: a one-off its deadline's month, a recurring one
 * each month from issue to deadline), once per unit however many of its targets lie below that unit.
 */
export const burdenIndex = pgTable(
  "burden_index",
  {
    unitCode: text("unit_code").notNull(),
    /** The unit's parent, so a unit's children in a month are one index range (the treemap). */
    parentCode: text("parent_code"),
    provinceCode: text("province_code").notNull(),
    /** The month, "YYYY-MM". */
    month: text("month").notNull(),
    kind: text("kind").notNull(),
    /** Burdens in force reaching the unit (distinct burdens, not target rows). */
    burdens: integer("burdens").notNull(),
    /** Of those, burdens admitted with findings of the gate that needed judgement (review or block; info notes do not count). */
    flagged: integer("flagged").notNull(),
    /** Burden-target rows below the unit: a county-wide form counts once per village. */
    targets: integer("targets").notNull(),
    /** Burden-minutes of the month below the unit (Standard Cost Model). */
    minutes: doublePrecision("minutes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.month, t.kind] }), index("burden_index_parent_idx").on(t.parentCode, t.month)],
);

/**
 * Who imposes most: the same rollup per (region unit, month, issuer), from the township up. A village's
 * few hundred target rows a year are answered from burden_targets directly.
 */
export const burdenIndexIssuers = pgTable(
  "burden_index_issuers",
  {
    unitCode: text("unit_code").notNull(),
    provinceCode: text("province_code").notNull(),
    month: text("month").notNull(),
    issuerCode: text("issuer_code").notNull(),
    burdens: integer("burdens").notNull(),
    targets: integer("targets").notNull(),
    minutes: doublePrecision("minutes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.month, t.issuerCode] })],
);

/**
 * The "actual" side of the index: what monitoring points 监测点 reported, rolled up per unit on each
 * point's path and month — village-weeks answered, the issuers' estimate for the burdens answered
 * (expected), the hours they really took (actual), and burdens without an admission number.
 */
export const burdenIndexActual = pgTable(
  "burden_index_actual",
  {
    unitCode: text("unit_code").notNull(),
    parentCode: text("parent_code"),
    provinceCode: text("province_code").notNull(),
    month: text("month").notNull(),
    answers: integer("answers").notNull(),
    expectedMinutes: doublePrecision("expected_minutes").notNull(),
    actualMinutes: doublePrecision("actual_minutes").notNull(),
    unregisteredMinutes: doublePrecision("unregistered_minutes").notNull(),
    unregistered: integer("unregistered").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.month] }), index("burden_index_actual_parent_idx").on(t.parentCode, t.month)],
);
