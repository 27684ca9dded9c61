import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZCaseStatistics, ZCaseStatisticsQuery } from "../../../../contracts/cases.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { chinaToday } from "../../../kernel/dates.js";
import { caseStatistics } from "../stats.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

/** Case statistics 线索统计 for the dashboard: by category, median days to close, overdue. */
export function caseStatsRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  fastify.withTypeProvider<ZodTypeProvider>().get(
    "/api/cases/statistics",
    { schema: { tags: ["cases"], summary: "线索统计（类别、办结用时、超期）/ case statistics", querystring: ZCaseStatisticsQuery, response: { 200: ZCaseStatistics, ...errors } } },
    async (request) => caseStatistics(db, actorOf(request), { ...request.query, today: chinaToday() }),
  );
}
