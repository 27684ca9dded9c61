import type { EvaluationCategory, EvaluationYear } from "../../../contracts/evaluations.js";
import type { Db } from "../../db/client.js";
import { regionPathOf, type Actor } from "../../kernel/actor.js";
import { loadRegisters, registerCodesWithin } from "../burdens/gate/settings.js";
import { burdensOfKind } from "../burdens/kind-rows.js";
import { getUnit, getUnits } from "../org/units.js";
import { toHours } from "../burdens/hours.js";
import { hoursByApprovalCode, hoursByIssuer } from "./hours.js";
import { evaluationPolicy } from "./policy.js";
import { presentRequests, requestsOfYear } from "./requests.js";

/**
 * 评比创建清单 of a year: the approved list (this region's and those above it), the requests, and every
 * evaluation burden registered in the region that year, each checked against the list of its issuer's
 * region as the gate checks it (UNAPPROVED_EVALUATION): those not on it are flagged. With their
 * burden-hours (evaluations/hours.ts): per burden, per approved request, per issuer against last year.
 */
export async function evaluationYear(db: Db, actor: Actor, year: number): Promise<EvaluationYear> {
  const regionPath = regionPathOf(actor);
  const region = await getUnit(db, regionPath.split(".").at(-1)!);
  const [approved, requests, burdens, lastYear, own] = await Promise.all([
    loadRegisters(db, regionPath, year),
    requestsOfYear(db, actor, year),
    burdensOfKind(db, regionPath, "evaluation", year),
    burdensOfKind(db, regionPath, "evaluation", year - 1),
    // What the actor's office may take off: entries its own region (or one below) keeps.
    evaluationPolicy.canDecide(actor, { path: regionPath }) ? registerCodesWithin(db, { underPath: regionPath, year, register: "evaluation_list" }) : new Set<string>(),
  ]);
  const issuers = new Map((await getUnits(db, [...new Set([...burdens, ...lastYear].map((b) => b.issuerCode))])).map((u) => [u.code, u.name]));
  const byCode = hoursByApprovalCode(burdens);
  const lists = new Map<string, Promise<Set<string>>>();
  const listOf = (issuerPath: string) => {
    if (!lists.has(issuerPath)) lists.set(issuerPath, loadRegisters(db, issuerPath, year).then((r) => new Set(r.approvedEvaluations.map((e) => e.code))));
    return lists.get(issuerPath)!;
  };
  return {
    year,
    region: { code: region?.code ?? "", name: region?.name ?? "" },
    approved: approved.approvedEvaluations.map((e) => ({ ...e, can: own.has(e.code) ? ["withdraw" as const] : [] })),
    requests: (await presentRequests(db, actor, requests)).map((r) => ({ ...r, yearlyHours: r.approvalCode ? (byCode.get(r.approvalCode) ?? 0) : null })),
    burdens: await Promise.all(
      burdens.map(async (b) => {
        const details = b.details as { category: EvaluationCategory; approvalCode?: string };
        return {
          id: b.id,
          title: b.title,
          issuer: issuers.get(b.issuerCode) ?? b.issuerCode,
          issuedOn: b.issuedOn,
          status: b.status,
          category: details.category,
          approvalCode: details.approvalCode ?? null,
          admissionNumber: b.admissionNumber,
          onList: !!details.approvalCode && (await listOf(b.issuerPath)).has(details.approvalCode),
          yearlyHours: toHours(b.yearlyMinutes),
        };
      }),
    ),
    ...hoursByIssuer(burdens, lastYear, issuers),
  };
}
