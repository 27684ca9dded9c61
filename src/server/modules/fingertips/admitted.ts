import { inArray } from "drizzle-orm";
import type { AdmittedChannelBurden, AppDemand, ChannelStatus } from "../../../contracts/fingertips.js";
import type { Queryable } from "../../db/client.js";
import type { Lang } from "../../http/i18n.js";
import { regionPathOf, type Actor } from "../../kernel/actor.js";
import { admittedChannelBurdens, channelBurdensByNumber } from "../burdens/kind-rows.js";
import { getUnits } from "../org/units.js";
import type { ChannelFlag } from "./flags.js";
import { fingertipChannels } from "./schema.js";

/**
 * The ledger and the gate 台账与准入: an app or group of kind app / workgroup admitted by the gate has an
 * admission number 准入编号; a ledger row naming it points at the burden (linked, not copied). An admitted
 * one no row names is shown in the ledger as such, and a row naming no admitted burden is flagged
 * NOT_ADMITTED: a channel running without admission is a signal.
 */
export type BurdenLink = { id: string; title: string; admissionNumber: string };

export async function burdenLinks(db: Queryable, numbers: readonly (string | null)[]): Promise<Map<string, BurdenLink>> {
  const rows = await channelBurdensByNumber(db, [...new Set(numbers.filter((n): n is string => !!n))]);
  return new Map(rows.map((r) => [r.admissionNumber!, { id: r.id, title: r.title, admissionNumber: r.admissionNumber! }]));
}

export function notAdmittedFlag(c: { name: string; admissionNumber: string | null }, lang: Lang): ChannelFlag {
  const en = lang === "en";
  return {
    code: "NOT_ADMITTED",
    severity: "review",
    message: c.admissionNumber
      ? en
        ? `“${c.name}” cites the admission number ${c.admissionNumber}, which names no admitted app or work group`
        : `“${c.name}”登记的准入编号 ${c.admissionNumber} 查无已准入的应用或工作群`
      : en
        ? `“${c.name}” was never admitted by the gate: no admission number`
        : `“${c.name}”未经准入，没有准入编号`,
  };
}

/** Admitted apps and groups of the actor's region that no ledger row (of any status) names. */
export async function admittedNotInLedger(db: Queryable, actor: Actor, query: { status?: ChannelStatus; kind?: string }): Promise<AdmittedChannelBurden[]> {
  if ((query.status && query.status !== "active") || query.kind === "account") return [];
  const admitted = await admittedChannelBurdens(db, regionPathOf(actor));
  const numbers = admitted.map((r) => r.admissionNumber!);
  const named = new Set(
    numbers.length ? (await db.select({ n: fingertipChannels.admissionNumber }).from(fingertipChannels).where(inArray(fingertipChannels.admissionNumber, numbers))).map((r) => r.n) : [],
  );
  const rows = admitted.filter((r) => !named.has(r.admissionNumber!) && (!query.kind || r.kind === query.kind));
  const names = new Map((await getUnits(db, [...new Set(rows.map((r) => r.issuerCode))])).map((u) => [u.code, u.name]));
  return rows.map((r) => {
    const d = r.details as { appName?: string; groupName?: string; demands?: AppDemand[] };
    return {
      id: r.id,
      kind: r.kind as "app" | "workgroup",
      name: d.appName ?? d.groupName ?? r.title,
      title: r.title,
      issuer: { code: r.issuerCode, name: names.get(r.issuerCode) ?? r.issuerCode },
      admissionNumber: r.admissionNumber!,
      issuedOn: r.issuedOn,
      demands: d.demands ?? [],
    };
  });
}
