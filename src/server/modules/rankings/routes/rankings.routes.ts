import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { ZTemplateQuery } from "../../../../contracts/excel.js";
import { ZRanking, ZRankingCancel, ZRankingCounts, ZRankingCountsQuery, ZRankingInput, ZRankingList, ZRankingListQuery, ZRankingParams } from "../../../../contracts/rankings.js";
import { actorOf } from "../../../http/session.js";
import { sendXlsx, xlsxImportRoute } from "../../../http/xlsx.js";
import type { RouteDeps } from "../../../http/types.js";
import { exportRankings, importRankings } from "../excel.js";
import { cancelRanking, getRanking, listRankings, rankingCounts, registerRanking } from "../registry.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const tags = ["rankings"];

export function rankingRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/rankings",
    { schema: { tags, summary: "排名通报与考核指标登记 / ranking notices and assessments of one's region", querystring: ZRankingListQuery, response: { 200: ZRankingList, ...errors } } },
    async (request) => listRankings(db, actorOf(request), request.query),
  );

  app.post(
    "/api/rankings",
    { schema: { tags, summary: "登记排名通报或考核 / register a ranking notice or an assessment", body: ZRankingInput, response: { 201: ZRanking, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await registerRanking(db, { actor, input: request.body });
      return reply.status(201).send(await getRanking(db, actor, id));
    },
  );

  app.post(
    "/api/rankings/:id/cancel",
    { schema: { tags, summary: "减负办取消排名通报或考核（须写明理由）/ the office cancels one, with a written reason", params: ZRankingParams, body: ZRankingCancel, response: { 200: ZRanking, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await cancelRanking(db, { actor, id: request.params.id, reason: request.body.reason });
      return getRanking(db, actor, request.params.id);
    },
  );

  app.get(
    "/api/rankings/counts",
    { schema: { tags, summary: "各单位排名通报、考核指标数与上年对比 / counts per issuer against last year", querystring: ZRankingCountsQuery, response: { 200: ZRankingCounts, ...errors } } },
    async (request) => rankingCounts(db, actorOf(request), request.query.year),
  );

  app.get(
    "/api/rankings/export.xlsx",
    { schema: { tags, summary: "导出排名通报与考核指标 / the register as .xlsx", querystring: ZRankingCountsQuery.extend(ZTemplateQuery.shape), response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const file = await exportRankings(db, actorOf(request), request.query.year, request.query.template === "true");
      const name = `排名通报与考核指标-${request.query.year}.xlsx`;
      return sendXlsx(reply, file, `rankings-${request.query.year}.xlsx`, name);
    },
  );

  xlsxImportRoute(fastify, {
    url: "/api/rankings/import.xlsx",
    tags,
    summary: "从 Excel 导入排名通报与考核指标（列同导出；一行有误则全部不导入）/ import ranking notices and assessment indicators from an .xlsx body",
    run: (actor, file, lang) => importRankings(db, actor, file, lang),
  });
}
