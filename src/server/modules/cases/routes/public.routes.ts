import { createHmac } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZPublicUnitList, ZUnitSearchQuery } from "../../../../contracts/cases.js";
import { ZChallenge, ZMessageInput, ZPublicReport, ZReceiptParams, ZReportReceipt, ZReporterView, ZOkResult } from "../../../../contracts/cases.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { AppError } from "../../../http/errors.js";
import type { RouteDeps } from "../../../http/types.js";
import { getUnits, searchUnits } from "../../org/units.js";
import type { ReporterKeys } from "../crypto.js";
import { caseByReceipt, reporterMessage, reporterView } from "../follow.js";
import { clientKey, issueChallenge, POW_BITS, verifyWork } from "../guard.js";
import { receiveReport } from "../intake.js";

const errors = { 400: ZErrorBody, 404: ZErrorBody, 413: ZErrorBody, 429: ZErrorBody };
const tags = ["public"];

/** Limits per client key (never per address); intake is rarer than follow-up. */
export const INTAKE_LIMIT = { max: 10, timeWindow: "1 hour", keyGenerator: clientKey } as const;
export const FOLLOW_LIMIT = { max: 30, timeWindow: "1 minute", keyGenerator: clientKey } as const;

/**
 * Everything here is reached without logging in and logs nothing (logLevel "silent"): no address, no
 * agent, no receipt code in a URL ends up in a log line.
 */
const quiet = (rateLimit: typeof INTAKE_LIMIT | typeof FOLLOW_LIMIT) => ({ config: { public: true, rateLimit }, logLevel: "silent" as const });

export function publicCaseRoutes(fastify: FastifyInstance, { db }: RouteDeps, keys: ReporterKeys) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const powSecret = createHmac("sm3", keys.mac).update("jianfu/proof-of-work").digest();

  app.get(
    "/api/public/reports/challenge",
    { ...quiet(FOLLOW_LIMIT), schema: { tags, summary: "公开：提交前的计算验证 / public: a proof-of-work challenge", response: { 200: ZChallenge, 429: ZErrorBody } } },
    async (_request, reply) => {
      reply.header("cache-control", "no-store");
      return { challenge: issueChallenge(powSecret), bits: POW_BITS };
    },
  );

  app.get(
    "/api/public/reports/units",
    { ...quiet(FOLLOW_LIMIT), schema: { tags, summary: "公开：按名称查找被反映单位 / public: find the unit to report", querystring: ZUnitSearchQuery, response: { 200: ZPublicUnitList, ...errors } } },
    async (request) => {
      const found = (await searchUnits(db, { q: request.query.q, withinPath: null, limit: 20 })).filter((u) => u.level !== "nation");
      const parents = new Map((await getUnits(db, [...new Set(found.flatMap((u) => u.parentCode ?? []))])).map((u) => [u.code, u.name]));
      return { items: found.map((u) => ({ code: u.code, name: u.name, level: u.level, parentName: u.parentCode ? (parents.get(u.parentCode) ?? null) : null })) };
    },
  );

  app.post(
    "/api/public/reports",
    { ...quiet(INTAKE_LIMIT), schema: { tags, summary: "公开：反映形式主义问题 / public: report formalism", body: ZPublicReport, response: { 201: ZReportReceipt, ...errors } } },
    async (request, reply) => {
      const { challenge, nonce, contact, idempotencyKey, ...input } = request.body;
      const admit = () => {
        if (!verifyWork(powSecret, challenge, nonce)) throw new AppError("PROOF_OF_WORK_FAILED");
      };
      const identity = contact ? { kind: "contact" as const, contact } : null;
      const result = await receiveReport(db, keys, { channel: "public", input, identity, idempotencyKey, admit });
      return reply.status(201).header("cache-control", "no-store").send(result);
    },
  );

  app.get(
    "/api/public/reports/:receipt",
    { ...quiet(FOLLOW_LIMIT), schema: { tags, summary: "公开：凭回执码查询办理情况 / public: follow a case by its receipt", params: ZReceiptParams, response: { 200: ZReporterView, ...errors } } },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return reporterView(db, await caseByReceipt(db, keys, request.params.receipt));
    },
  );

  app.post(
    "/api/public/reports/:receipt/messages",
    {
      ...quiet(FOLLOW_LIMIT),
      schema: { tags, summary: "公开：凭回执码留言 / public: write to the handler", params: ZReceiptParams, body: ZMessageInput, response: { 201: ZOkResult, ...errors } },
    },
    async (request, reply) => {
      const row = await caseByReceipt(db, keys, request.params.receipt);
      await reporterMessage(db, row, request.body.text);
      return reply.status(201).send({ ok: true as const });
    },
  );
}
