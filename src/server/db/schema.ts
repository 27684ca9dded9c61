// The full database schema, gathered from the modules that own each table (drizzle-kit reads this file).
export * from "../modules/org/schema.js";
export * from "../modules/audit/schema.js";
export * from "../modules/burdens/schema.js";
export * from "../modules/calendar/schema.js";
export * from "../modules/duties/schema.js";
export * from "../modules/cases/schema.js";
export * from "../modules/documents/schema.js";
export * from "../modules/proofs/schema.js";
export * from "../modules/secondments/schema.js";
export * from "../modules/forms/schema.js";
export * from "../modules/burden-index/schema.js";
export * from "../modules/meetings/schema.js";
export * from "../modules/inspection-plans/schema.js";
export * from "../modules/rankings/schema.js";
export * from "../modules/monitoring/schema.js";
export * from "../modules/satisfaction/schema.js";
