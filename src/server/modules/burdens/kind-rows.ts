import { and, asc, eq, gte, inArray, lte, ne } from "drizzle-orm";
import type { BurdenKind } from "../../../contracts/burdens.js";
import type { Queryable } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { burdens } from "./schema.js";

/**
 * The burdens of one kind a region's issuers registered in a year, with their kind's details: what the
 * kind-specific registers (评比创建清单, 指尖减负台账) set beside their own lists. Drafts are left out.
 */
export async function burdensOfKind(db: Queryable, regionPath: string, kind: BurdenKind, year: number) {
  return db
    .select({
      id: burdens.id,
      title: burdens.title,
      issuerCode: burdens.issuerCode,
      issuerPath: burdens.issuerPath,
      issuedOn: burdens.issuedOn,
      status: burdens.status,
      admissionNumber: burdens.admissionNumber,
      details: burdens.details,
      /** Standard Cost Model minutes a year (minutes per target × targets × occurrences), as registered. */
      yearlyMinutes: burdens.yearlyMinutes,
    })
    .from(burdens)
    .where(and(eq(burdens.kind, kind), ne(burdens.status, "draft"), pathWithin(burdens.issuerPath, regionPath), gte(burdens.issuedOn, `${year}-01-01`), lte(burdens.issuedOn, `${year}-12-31`)))
    .orderBy(asc(burdens.issuedOn));
}

const channelColumns = {
  id: burdens.id,
  kind: burdens.kind,
  title: burdens.title,
  issuerCode: burdens.issuerCode,
  issuedOn: burdens.issuedOn,
  admissionNumber: burdens.admissionNumber,
  details: burdens.details,
};

/**
 * Apps and work groups 政务应用、工作群 the gate admitted (kind app or workgroup, status admitted) whose issuer
 * lies in a region: what the fingertips ledger 指尖减负台账 sets beside its own rows.
 */
export async function admittedChannelBurdens(db: Queryable, regionPath: string, limit = 2000) {
  return db
    .select(channelColumns)
    .from(burdens)
    .where(and(inArray(burdens.kind, ["app", "workgroup"]), eq(burdens.status, "admitted"), pathWithin(burdens.issuerPath, regionPath)))
    .orderBy(asc(burdens.issuedOn))
    .limit(limit);
}

/** Admitted apps and work groups by admission number 准入编号, whatever their region. */
export async function channelBurdensByNumber(db: Queryable, numbers: readonly string[]) {
  if (numbers.length === 0) return [];
  return db
    .select(channelColumns)
    .from(burdens)
    .where(and(inArray(burdens.kind, ["app", "workgroup"]), eq(burdens.status, "admitted"), inArray(burdens.admissionNumber, [...numbers])));
}
