import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  ZAssign,
  ZCadreReport,
  ZCaseDetail,
  ZCaseIdParams,
  ZCaseList,
  ZCaseListQuery,
  ZIdentity,
  ZMessageInput,
  ZOkResult,
  ZReportPointInput,
  ZReportPointList,
  ZReportReceipt,
  ZReveal,
  ZTransition,
} from "../../../../contracts/cases.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { authorize } from "../../../kernel/actor.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import type { ReporterKeys } from "../crypto.js";
import { assignCase, loadCaseFor, revealIdentity, transitionCase, writeToCase } from "../handling.js";
import { receiveReport } from "../intake.js";
import { clientKey } from "../guard.js";
import { isReportPoint, listReportPoints, setReportPoint } from "../points.js";
import { casePolicy } from "../policy.js";
import { caseDetail, listCases } from "../queries.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 429: ZErrorBody };
const tags = ["cases"];
const ok = { ok: true as const };

export function caseRoutes(fastify: FastifyInstance, { db }: RouteDeps, keys: ReporterKeys) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/api/cases",
    {
      // An anonymous cadre's report must not be dated to the second by a log line either.
      logLevel: "silent",
      config: { rateLimit: { max: 20, timeWindow: "1 hour", keyGenerator: (r) => r.actor?.id ?? clientKey(r) } },
      schema: { tags, summary: "反映问题（直报点或干部）/ report as a 直报点 officer or a cadre", body: ZCadreReport, response: { 201: ZReportReceipt, ...errors } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(casePolicy.canReport(actor));
      const { anonymous, ...input } = request.body;
      const point = await isReportPoint(db, actor.id);
      // A 直报点 officer reports in his name, which only the handling office may read; a cadre may stay anonymous.
      const named = point || !anonymous;
      const identity = named ? { kind: "user" as const, userId: actor.id, username: actor.username, displayName: actor.displayName, unitCode: actor.scope.code } : null;
      const result = await receiveReport(db, keys, { channel: point ? "point" : "cadre", input, identity });
      return reply.status(201).header("cache-control", "no-store").send(result);
    },
  );

  app.get("/api/cases", { schema: { tags, summary: "问题线索列表 / cases I handle", querystring: ZCaseListQuery, response: { 200: ZCaseList, ...errors } } }, async (request) => {
    const actor = actorOf(request);
    authorize(actor.role === "office" || actor.role === "commission");
    return listCases(db, actor, request.query);
  });

  app.get("/api/cases/:id", { schema: { tags, summary: "问题线索详情 / a case", params: ZCaseIdParams, response: { 200: ZCaseDetail, ...errors } } }, async (request) => {
    const actor = actorOf(request);
    return caseDetail(db, actor, await loadCaseFor(db, actor, request.params.id));
  });

  app.post(
    "/api/cases/:id/transition",
    { schema: { tags, summary: "办理：变更状态 / move a case on", params: ZCaseIdParams, body: ZTransition, response: { 200: ZOkResult, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await transitionCase(db, { actor, row: await loadCaseFor(db, actor, request.params.id), ...request.body });
      return ok;
    },
  );

  app.post(
    "/api/cases/:id/assign",
    { schema: { tags, summary: "办理：交办 / assign a case", params: ZCaseIdParams, body: ZAssign, response: { 200: ZOkResult, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await assignCase(db, { actor, row: await loadCaseFor(db, actor, request.params.id), userId: request.body.userId });
      return ok;
    },
  );

  for (const kind of ["note", "message"] as const) {
    app.post(
      `/api/cases/:id/${kind}s`,
      { schema: { tags, summary: kind === "note" ? "内部备注 / internal note" : "给反映人留言 / message to the reporter", params: ZCaseIdParams, body: ZMessageInput, response: { 201: ZOkResult, ...errors } } },
      async (request, reply) => {
        const actor = actorOf(request);
        await writeToCase(db, { actor, row: await loadCaseFor(db, actor, request.params.id), text: request.body.text, kind });
        return reply.status(201).send(ok);
      },
    );
  }

  app.post(
    "/api/cases/:id/reveal",
    { schema: { tags, summary: "查看反映人身份（留痕）/ reveal the reporter (audited)", params: ZCaseIdParams, body: ZReveal, response: { 200: ZIdentity, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      reply.header("cache-control", "no-store");
      return revealIdentity(db, keys, { actor, row: await loadCaseFor(db, actor, request.params.id), reason: request.body.reason });
    },
  );

  app.get("/api/cases/points", { schema: { tags, summary: "直报点信息员 / report points of my region", response: { 200: ZReportPointList, ...errors } } }, async (request) =>
    listReportPoints(db, actorOf(request)),
  );

  app.post(
    "/api/cases/points",
    { schema: { tags, summary: "设立直报点信息员 / designate a report point", body: ZReportPointInput, response: { 200: ZOkResult, ...errors } } },
    async (request) => {
      await setReportPoint(db, { actor: actorOf(request), userId: request.body.userId });
      return ok;
    },
  );

  app.delete(
    "/api/cases/points/:id",
    { schema: { tags, summary: "撤销直报点信息员 / withdraw a report point", params: ZCaseIdParams, response: { 200: ZOkResult, ...errors } } },
    async (request) => {
      await setReportPoint(db, { actor: actorOf(request), userId: request.params.id, remove: true });
      return ok;
    },
  );
}
