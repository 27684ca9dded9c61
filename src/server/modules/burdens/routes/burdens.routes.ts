import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  ZBurdenDetail,
  ZBurdenIdParams,
  ZBurdenInput,
  ZBurdenList,
  ZBurdenListQuery,
  ZBurdenWriteResult,
  ZDecide,
  ZGateResult,
  ZWithdraw,
} from "../../../../contracts/burdens.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { getUnit } from "../../org/units.js";
import { toHours } from "../hours.js";
import { burdenPolicy } from "../policy.js";
import { prepareBurden } from "../prepare.js";
import { burdenTimeline, isTargeted, listBurdens, loadReadableBurden, summaryOf, targetSample } from "../queries.js";
import { createBurden, decideBurden, submitBurden, updateBurden, withdrawBurden } from "../registry.js";
import { presentFindings } from "../present.js";
import type { RawFinding } from "../gate/types.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const tags = ["burdens"];

export function burdenRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/api/admission/check",
    { schema: { tags, summary: "准入预检（不保存）/ pre-check a burden without saving it", body: ZBurdenInput, response: { 200: ZGateResult, ...errors } } },
    async (request) => {
      const prepared = await prepareBurden(db, { actor: actorOf(request), input: request.body });
      return {
        outcome: prepared.outcome,
        findings: presentFindings(prepared.findings, pickLang(request.headers["accept-language"])),
        targetCount: prepared.targets.length,
        yearlyHours: toHours(prepared.yearlyMinutes),
      };
    },
  );

  app.post(
    "/api/burdens",
    { schema: { tags, summary: "登记负担事项（草稿）/ register a burden as a draft", body: ZBurdenInput, response: { 201: ZBurdenWriteResult, ...errors } } },
    async (request, reply) => {
      const created = await createBurden(db, { actor: actorOf(request), input: request.body });
      return reply.status(201).send({
        id: created.id,
        status: created.status,
        findings: presentFindings(created.prepared.findings, pickLang(request.headers["accept-language"])),
        admissionNumber: null,
        targetCount: created.prepared.targets.length,
        yearlyHours: toHours(created.prepared.yearlyMinutes),
      });
    },
  );

  app.put(
    "/api/burdens/:id",
    { schema: { tags, summary: "修改草稿或被退回的事项 / change a draft or returned burden", params: ZBurdenIdParams, body: ZBurdenInput, response: { 200: ZBurdenWriteResult, ...errors } } },
    async (request) => {
      const updated = await updateBurden(db, { actor: actorOf(request), id: request.params.id, input: request.body });
      return {
        id: updated.id,
        status: updated.status,
        findings: presentFindings(updated.prepared.findings, pickLang(request.headers["accept-language"])),
        admissionNumber: null,
        targetCount: updated.prepared.targets.length,
        yearlyHours: toHours(updated.prepared.yearlyMinutes),
      };
    },
  );

  app.post(
    "/api/burdens/:id/submit",
    { schema: { tags, summary: "提交准入 / submit to the admission gate", params: ZBurdenIdParams, response: { 200: ZBurdenWriteResult, ...errors } } },
    async (request) => {
      const result = await submitBurden(db, { actor: actorOf(request), id: request.params.id });
      return { ...result, findings: presentFindings(result.findings, pickLang(request.headers["accept-language"])) };
    },
  );

  app.post(
    "/api/burdens/:id/decide",
    { schema: { tags, summary: "减负办审核 / the office decides", params: ZBurdenIdParams, body: ZDecide, response: { 200: ZBurdenWriteResult, ...errors } } },
    async (request) => {
      const result = await decideBurden(db, { actor: actorOf(request), id: request.params.id, ...request.body });
      const row = await loadReadableBurden(db, actorOf(request), request.params.id);
      return { ...result, findings: presentFindings(row.findings as RawFinding[], pickLang(request.headers["accept-language"])) };
    },
  );

  app.post(
    "/api/burdens/:id/withdraw",
    { schema: { tags, summary: "撤回 / withdraw", params: ZBurdenIdParams, body: ZWithdraw, response: { 200: ZBurdenWriteResult, ...errors } } },
    async (request) => {
      const result = await withdrawBurden(db, { actor: actorOf(request), id: request.params.id, reason: request.body.reason });
      return { ...result, findings: [], admissionNumber: null };
    },
  );

  app.get(
    "/api/burdens",
    { schema: { tags, summary: "负担事项列表（本区域下达）/ burdens issued in my region", querystring: ZBurdenListQuery, response: { 200: ZBurdenList, ...errors } } },
    async (request) => listBurdens(db, actorOf(request), request.query),
  );

  app.get(
    "/api/burdens/:id",
    { schema: { tags, summary: "负担事项详情 / a burden", params: ZBurdenIdParams, response: { 200: ZBurdenDetail, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      const row = await loadReadableBurden(db, actor, request.params.id);
      const issuer = await getUnit(db, row.issuerCode);
      const access = { issuerCode: row.issuerCode, issuerPath: row.issuerPath, status: row.status };
      const issues = !!issuer && burdenPolicy.canIssueAs(actor, issuer);
      const sample = await targetSample(db, row.id);
      const can = [
        ...(issues && (row.status === "draft" || row.status === "returned") ? (["edit", "submit"] as const) : []),
        ...(burdenPolicy.canDecide(actor, access) && row.status === "in_review" ? (["decide"] as const) : []),
        ...(issues && ["draft", "in_review", "admitted", "returned"].includes(row.status) ? (["withdraw"] as const) : []),
        ...(row.status === "admitted" && actor.role === "township_official" && (await isTargeted(db, row.id, actor.scope.code)) ? (["relay"] as const) : []),
      ];
      return {
        ...summaryOf(row, issuer?.name ?? row.issuerCode),
        text: row.text,
        minutesPerTarget: row.minutesPerTarget,
        targets: row.targetSpec as never,
        targetSample: sample,
        parentId: row.parentId,
        quantity: (row.quantity as never) ?? null,
        dutyItem: row.dutyItem,
        details: row.details as Record<string, unknown>,
        findings: presentFindings(row.findings as RawFinding[], pickLang(request.headers["accept-language"])),
        decisionReason: row.decisionReason,
        events: await burdenTimeline(db, row.id),
        can,
      };
    },
  );
}
