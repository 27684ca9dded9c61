import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { pickLang } from "../../../http/i18n.js";
import { casesWorkbook } from "../stats-excel.js";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZCaseStatistics, ZCaseStatisticsQuery } from "../../../../contracts/cases.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { actorOf } from "../../../http/session.js";
import { sendXlsx } from "../../../http/xlsx.js";
import type { RouteDeps } from "../../../http/types.js";
import { chinaToday } from "../../../kernel/dates.js";
import { caseStatistics } from "../stats.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

/** Case statistics 线索统计 for the dashboard: by category, median days to close, overdue. */
export function caseStatsRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/cases/statistics",
    { schema: { tags: ["cases"], summary: "线索统计（类别、办结用时、超期）/ case statistics", querystring: ZCaseStatisticsQuery, response: { 200: ZCaseStatistics, ...errors } } },
    async (request) => caseStatistics(db, actorOf(request), { ...request.query, today: chinaToday() }),
  );
  app.get(
    "/api/cases/statistics.xlsx",
    { schema: { tags: ["cases"], summary: "线索统计 Excel / case statistics as .xlsx", querystring: ZCaseStatisticsQuery, response: { 200: z.unknown(), ...errors } } },
    async (request, reply) => {
      const stats = await caseStatistics(db, actorOf(request), { ...request.query, today: chinaToday() });
      const body = await casesWorkbook(stats, pickLang(request.headers["accept-language"]));
      return sendXlsx(reply, body, `case-statistics-${stats.from}-${stats.to}.xlsx`, `case-statistics-${stats.from}-${stats.to}.xlsx`);
    },
  );
}
