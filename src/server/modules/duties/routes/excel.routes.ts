import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { XLSX_MIME, ZDutyImportQuery, ZDutyOnQuery, ZDutyUnitParams, ZDutyWriteResult } from "../../../../contracts/duties.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { AppError } from "../../../http/errors.js";
import { sendXlsx } from "../../../http/xlsx.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { exportDutyList } from "../excel/export.js";
import { importDutyList } from "../excel/import.js";
import { writeResultDto } from "../present.js";
import { chinaToday, lineageOf, loadEditableListUnit, loadReadableListUnit } from "./load.js";

export const MAX_XLSX_BYTES = 5 * 1024 * 1024;
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };
const tags = ["duties"];

/** Excel in and out. The raw .xlsx body parser lives in this plugin only: no other route takes files. */
export function dutyExcelRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  void fastify.register(async (scoped) => {
    scoped.addContentTypeParser(XLSX_MIME, { parseAs: "buffer", bodyLimit: MAX_XLSX_BYTES }, (_request, body, done) => done(null, body));
    const app = scoped.withTypeProvider<ZodTypeProvider>();

    app.post(
      "/api/duties/:unitCode/import",
      {
        bodyLimit: MAX_XLSX_BYTES,
        schema: {
          tags,
          summary: "从 Excel 导入清单（请求体为 .xlsx 文件，最大 5 MB）/ import a duty list from an .xlsx body",
          params: ZDutyUnitParams,
          querystring: ZDutyImportQuery,
          response: { 201: ZDutyWriteResult, ...errors },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const unit = await loadEditableListUnit(db, actor, request.params.unitCode, "any");
        if (!Buffer.isBuffer(request.body)) throw new AppError("EXCEL_NOT_XLSX");
        const lang = pickLang(request.headers["accept-language"]);
        const result = await importDutyList(db, { actor, unitCode: unit.code, file: request.body, ...request.query, lang });
        return reply.status(201).send(writeResultDto(result, await lineageOf(db, unit.code), chinaToday()));
      },
    );

    app.get(
      "/api/duties/:unitCode/export.xlsx",
      {
        schema: {
          tags,
          summary: "导出清单为 Excel（可打印）/ the duty list in force as a printable .xlsx",
          params: ZDutyUnitParams,
          querystring: ZDutyOnQuery,
          // A Buffer is sent as it is, never through the serializer.
          response: { 200: z.unknown().describe("the .xlsx file"), ...errors },
        },
      },
      async (request, reply) => {
        const unit = await loadReadableListUnit(db, actorOf(request), request.params.unitCode);
        const { fileName, file } = await exportDutyList(db, unit, request.query.on ?? chinaToday());
        return sendXlsx(reply, file, `duty-list-${unit.code}.xlsx`, fileName);
      },
    );
  });
}
