import { createHmac } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZChallenge } from "../../../../contracts/cases.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { ZCommentList, ZCommentQuery, ZSatisfactionForm, ZSatisfactionInput, ZSatisfactionQuery, ZSatisfactionResults, ZSatisfactionThanks, ZSatisfactionUnitParams } from "../../../../contracts/satisfaction.js";
import { AppError } from "../../../http/errors.js";
import { sendXlsx } from "../../../http/xlsx.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import type { Actor } from "../../../kernel/actor.js";
import { chinaToday } from "../../../kernel/dates.js";
import { indexPolicy } from "../../burden-index/policy.js";
import { clientKey, issueChallenge, POW_BITS, verifyWork } from "../../cases/guard.js";
import { getUnit, type Unit } from "../../org/units.js";
import { satisfactionWorkbook } from "../excel.js";
import { satisfactionPolicy } from "../policy.js";
import { surveyPosterPdf } from "../poster.js";
import { recordResponse, satisfactionComments, satisfactionResults, surveyable } from "../survey.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 429: ZErrorBody };
const publicTags = ["public"];
const tags = ["satisfaction"];

/** Limits per client key (an HMAC of the address under a key replaced daily, never the address). */
export const ANSWER_LIMIT = { max: 20, timeWindow: "1 hour", keyGenerator: clientKey } as const;
const READ_LIMIT = { max: 60, timeWindow: "1 minute", keyGenerator: clientKey } as const;
/** Reached without logging in, logging nothing: no address or agent of an answer lands in a log line. */
const quiet = (rateLimit: typeof ANSWER_LIMIT | typeof READ_LIMIT) => ({ config: { public: true, rateLimit }, logLevel: "silent" as const });

async function publicUnit(db: RouteDeps["db"], code: string): Promise<Unit> {
  const unit = await getUnit(db, code);
  if (!unit || !surveyable(unit)) throw new AppError("SATISFACTION_UNIT_NOT_FOUND");
  return unit;
}

/** A unit inside the actor's region he may read results (or comments) of; anything else is not found. */
async function readableUnit(db: RouteDeps["db"], actor: Actor, code: string | undefined, comments = false): Promise<Unit> {
  const wanted = code ?? indexPolicy.homeUnitCode(actor);
  const unit = await getUnit(db, wanted);
  const may = comments ? satisfactionPolicy.canReadComments : satisfactionPolicy.canReadResults;
  if (!unit || !may(actor, unit)) {
    if (unit && indexPolicy.canRead(actor, unit)) throw new AppError("FORBIDDEN");
    throw new AppError("INDEX_UNIT_NOT_FOUND", { code: wanted });
  }
  return unit;
}

export function satisfactionRoutes(fastify: FastifyInstance, { db, config }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const powSecret = createHmac("sha256", config.secret).update("jianfu/satisfaction-proof-of-work").digest();

  app.get(
    "/api/public/satisfaction/challenge",
    { ...quiet(READ_LIMIT), schema: { tags: publicTags, summary: "公开：满意度提交前的计算验证 / public: a proof-of-work challenge", response: { 200: ZChallenge, 429: ZErrorBody } } },
    async (_request, reply) => {
      reply.header("cache-control", "no-store");
      return { challenge: issueChallenge(powSecret), bits: POW_BITS };
    },
  );
  app.get(
    "/api/public/satisfaction/:code",
    { ...quiet(READ_LIMIT), schema: { tags: publicTags, summary: "公开：满意度调查的单位 / public: the unit of a survey", params: ZSatisfactionUnitParams, response: { 200: ZSatisfactionForm, ...errors } } },
    async (request) => {
      const unit = await publicUnit(db, request.params.code);
      const parent = unit.parentCode ? await getUnit(db, unit.parentCode) : null;
      return { unit: { code: unit.code, name: unit.name, parentName: parent?.name ?? null }, month: chinaToday().slice(0, 7) };
    },
  );
  app.post(
    "/api/public/satisfaction/:code",
    { ...quiet(ANSWER_LIMIT), schema: { tags: publicTags, summary: "公开：群众满意度打分 / public: rate a unit", params: ZSatisfactionUnitParams, body: ZSatisfactionInput, response: { 201: ZSatisfactionThanks, ...errors } } },
    async (request, reply) => {
      const { challenge, nonce, ...answer } = request.body;
      const unit = await publicUnit(db, request.params.code);
      if (!verifyWork(powSecret, challenge, nonce)) throw new AppError("PROOF_OF_WORK_FAILED");
      const month = chinaToday().slice(0, 7);
      await recordResponse(db, unit, answer, month);
      return reply.status(201).header("cache-control", "no-store").send({ ok: true as const, month });
    },
  );

  app.get(
    "/api/satisfaction",
    { schema: { tags, summary: "群众满意度（按月、下级单位）/ satisfaction by month and child unit", querystring: ZSatisfactionQuery, response: { 200: ZSatisfactionResults, ...errors } } },
    async (request) => satisfactionResults(db, await readableUnit(db, actorOf(request), request.query.unit), request.query.from, request.query.to),
  );
  app.get(
    "/api/satisfaction.xlsx",
    { schema: { tags, summary: "群众满意度 Excel / satisfaction as .xlsx", querystring: ZSatisfactionQuery, response: { 200: z.unknown(), ...errors } } },
    async (request, reply) => {
      const unit = await readableUnit(db, actorOf(request), request.query.unit);
      const body = await satisfactionWorkbook(await satisfactionResults(db, unit, request.query.from, request.query.to), pickLang(request.headers["accept-language"]));
      return sendXlsx(reply, body, `satisfaction-${unit.code}-${request.query.from}-${request.query.to}.xlsx`, `satisfaction-${unit.code}-${request.query.from}-${request.query.to}.xlsx`);
    },
  );
  app.get(
    "/api/satisfaction/comments",
    { schema: { tags, summary: "群众意见 / the public's comments", querystring: ZCommentQuery, response: { 200: ZCommentList, ...errors } } },
    async (request) => satisfactionComments(db, await readableUnit(db, actorOf(request), request.query.unit, true), request.query),
  );
  app.get(
    "/api/satisfaction/poster/:code",
    { schema: { tags, summary: "满意度调查二维码海报（PDF）/ the survey's QR poster", params: ZSatisfactionUnitParams, response: { 200: z.unknown(), ...errors, 503: ZErrorBody } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const unit = await getUnit(db, request.params.code);
      if (!unit || !satisfactionPolicy.canPrintPoster(actor, unit)) {
        if (actor.role !== "office") throw new AppError("FORBIDDEN");
        throw new AppError("INDEX_UNIT_NOT_FOUND", { code: request.params.code });
      }
      const pdf = await surveyPosterPdf(unit, `${request.protocol}://${request.host}`);
      return reply.type("application/pdf").header("content-disposition", `attachment; filename="survey-poster-${unit.code}.pdf"`).send(pdf);
    },
  );
}
