import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZChecks, ZChecksQuery, ZFigures, ZFiguresQuery, ZRegionParams } from "../../../../contracts/forms.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { loadCatalogRegion } from "../catalog.js";
import { runChecks } from "../checks/run.js";
import { formFigures } from "../figures.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

/** Statistical checks on a period's figures, and what 一表通 saved: for the 减负办 and the owner departments. */
export function checkRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/forms/catalogs/:regionCode/checks",
    {
      schema: {
        tags: ["forms"],
        summary: "数据核查：与往期相比突变、村间离群、本福特定律、来源不一致 / flags: jumps, peer outliers, Benford, mismatches between sources",
        params: ZRegionParams,
        querystring: ZChecksQuery,
        response: { 200: ZChecks, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const region = await loadCatalogRegion(db, actor, request.params.regionCode, "read");
      return runChecks(db, { actor, region, periodKey: request.query.periodKey, lang: pickLang(request.headers["accept-language"]) });
    },
  );

  app.get(
    "/api/forms/figures",
    { schema: { tags: ["forms"], summary: "一表通成效：免填、合并字段数与节省工时 / fields avoided and merged, hours saved", querystring: ZFiguresQuery, response: { 200: ZFigures, ...errors } } },
    async (request) => formFigures(db, { actor: actorOf(request), ...request.query }),
  );
}
