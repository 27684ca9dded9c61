import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { XLSX_MIME, ZCatalogImportResult, ZIdParams, ZIndicator, ZIndicatorInput, ZIndicatorList, ZRegionParams } from "../../../../contracts/forms.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { AppError } from "../../../http/errors.js";
import { sendXlsx } from "../../../http/xlsx.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { createIndicator, importIndicators, indicatorDto, listIndicators, loadCatalogRegion, updateIndicator, getIndicator } from "../catalog.js";
import { warmCatalog } from "../mapping.js";
import { catalogPolicy } from "../policy.js";
import { readCatalogWorkbook, writeCatalogWorkbook } from "../excel/catalog-excel.js";
import { throwIssues } from "../excel/workbook.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };
const tags = ["forms"];
export const MAX_UPLOAD_BYTES = 12 * 1024 * 1024;

/** The indicator catalog 数据指标目录: read by the county, kept by its 减负办, in and out as Excel. */
export function catalogRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  void fastify.register(async (scoped) => {
    scoped.addContentTypeParser(XLSX_MIME, { parseAs: "buffer", bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => done(null, body));
    const app = scoped.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/forms/catalogs/:regionCode/indicators",
      { schema: { tags, summary: "数据指标目录 / a county's indicator catalog", params: ZRegionParams, response: { 200: ZIndicatorList, ...errors } } },
      async (request) => {
        const actor = actorOf(request);
        const region = await loadCatalogRegion(db, actor, request.params.regionCode, "read");
        return { regionCode: region.code, indicators: (await listIndicators(db, region.code)).map(indicatorDto), canEdit: catalogPolicy.canEdit(actor, region) };
      },
    );

    app.post(
      "/api/forms/catalogs/:regionCode/indicators",
      { schema: { tags, summary: "新增指标 / add an indicator", params: ZRegionParams, body: ZIndicatorInput, response: { 201: ZIndicator, ...errors } } },
      async (request, reply) => {
        const actor = actorOf(request);
        const region = await loadCatalogRegion(db, actor, request.params.regionCode, "edit");
        const created = await createIndicator(db, { actor, region, input: request.body });
        warmCatalog(db, region.code, request.log);
        return reply.status(201).send(indicatorDto(created));
      },
    );

    app.put(
      "/api/forms/indicators/:id",
      { schema: { tags, summary: "修改指标 / change an indicator", params: ZIdParams, body: ZIndicatorInput, response: { 200: ZIndicator, ...errors } } },
      async (request) => {
        const actor = actorOf(request);
        const row = await getIndicator(db, request.params.id);
        await loadCatalogRegion(db, actor, row.regionCode, "read").catch(() => {
          throw new AppError("INDICATOR_NOT_FOUND");
        });
        const updated = await updateIndicator(db, { actor, id: row.id, input: request.body });
        warmCatalog(db, row.regionCode, request.log);
        return indicatorDto(updated);
      },
    );

    app.get(
      "/api/forms/catalogs/:regionCode/export.xlsx",
      { schema: { tags, summary: "导出指标目录 / the catalog as .xlsx", params: ZRegionParams, response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
      async (request, reply) => {
        const region = await loadCatalogRegion(db, actorOf(request), request.params.regionCode, "read");
        const file = await writeCatalogWorkbook(region.name, await listIndicators(db, region.code));
        const name = `${region.name}数据指标目录.xlsx`;
        return sendXlsx(reply, file, `catalog-${region.code}.xlsx`, name);
      },
    );

    app.post(
      "/api/forms/catalogs/:regionCode/import",
      {
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: { tags, summary: "从 Excel 导入指标目录（全部成功或全部不导入）/ import the catalog from .xlsx, all or nothing", params: ZRegionParams, response: { 200: ZCatalogImportResult, ...errors } },
      },
      async (request) => {
        const actor = actorOf(request);
        const region = await loadCatalogRegion(db, actor, request.params.regionCode, "edit");
        if (!Buffer.isBuffer(request.body)) throw new AppError("EXCEL_NOT_XLSX");
        const { inputs, issues } = await readCatalogWorkbook(request.body);
        throwIssues("EXCEL_INVALID", issues, pickLang(request.headers["accept-language"]));
        const result = await importIndicators(db, { actor, region, inputs, source: "excel" });
        warmCatalog(db, region.code, request.log);
        return result;
      },
    );
  });
}
