import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZIndexChildren, ZIndexChildrenQuery, ZIndexIssuers, ZIndexIssuersQuery, ZIndexQuery, ZIndexSeries } from "../../../../contracts/burden-index.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import { sendXlsx } from "../../../http/xlsx.js";
import type { RouteDeps } from "../../../http/types.js";
import { childrenWorkbook, issuersWorkbook, seriesWorkbook } from "../excel.js";
import { indexChildren, indexIssuers, indexSeries, loadIndexUnit } from "../queries.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const tags = ["burden-index"];
// A Buffer is sent as it is, never through the serializer.
const file = { 200: z.unknown().describe("the .xlsx file"), ...errors };

/** The burden index 负担指数 of a unit inside one's region, as JSON for the dashboard and as .xlsx. */
export function indexRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/index",
    { schema: { tags, summary: "负担指数月度序列（按类型、上年同期、基准年）/ monthly burden index by kind, last year, baseline", querystring: ZIndexQuery, response: { 200: ZIndexSeries, ...errors } } },
    async (request) => indexSeries(db, await loadIndexUnit(db, actorOf(request), request.query.unit), request.query),
  );
  app.get("/api/index.xlsx", { schema: { tags, summary: "负担指数月度序列 Excel / the monthly series as .xlsx", querystring: ZIndexQuery, response: file } }, async (request, reply) => {
    const unit = await loadIndexUnit(db, actorOf(request), request.query.unit);
    const body = await seriesWorkbook(await indexSeries(db, unit, request.query), pickLang(request.headers["accept-language"]));
    return sendXlsx(reply, body, `burden-index-${unit.code}-${request.query.from}-${request.query.to}.xlsx`, `burden-index-${unit.code}-${request.query.from}-${request.query.to}.xlsx`);
  });

  app.get(
    "/api/index/children",
    { schema: { tags, summary: "下级单位负担（矩形树图）/ the load of a unit's children in a month", querystring: ZIndexChildrenQuery, response: { 200: ZIndexChildren, ...errors } } },
    async (request) => indexChildren(db, await loadIndexUnit(db, actorOf(request), request.query.unit), request.query),
  );
  app.get("/api/index/children.xlsx", { schema: { tags, summary: "下级单位负担 Excel / children as .xlsx", querystring: ZIndexChildrenQuery, response: file } }, async (request, reply) => {
    const unit = await loadIndexUnit(db, actorOf(request), request.query.unit);
    const body = await childrenWorkbook(await indexChildren(db, unit, request.query), pickLang(request.headers["accept-language"]));
    return sendXlsx(reply, body, `burden-index-children-${unit.code}-${request.query.month}.xlsx`, `burden-index-children-${unit.code}-${request.query.month}.xlsx`);
  });

  app.get(
    "/api/index/issuers",
    { schema: { tags, summary: "下达负担最多的单位 / the issuers imposing most burden-hours", querystring: ZIndexIssuersQuery, response: { 200: ZIndexIssuers, ...errors } } },
    async (request) => indexIssuers(db, await loadIndexUnit(db, actorOf(request), request.query.unit), request.query),
  );
  app.get("/api/index/issuers.xlsx", { schema: { tags, summary: "下达负担最多的单位 Excel / issuers as .xlsx", querystring: ZIndexIssuersQuery, response: file } }, async (request, reply) => {
    const unit = await loadIndexUnit(db, actorOf(request), request.query.unit);
    const body = await issuersWorkbook(await indexIssuers(db, unit, request.query), pickLang(request.headers["accept-language"]));
    return sendXlsx(reply, body, `burden-index-issuers-${unit.code}-${request.query.from}-${request.query.to}.xlsx`, `burden-index-issuers-${unit.code}-${request.query.from}-${request.query.to}.xlsx`);
  });
}
