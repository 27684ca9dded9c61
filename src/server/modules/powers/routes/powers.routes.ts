import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { XLSX_MIME } from "../../../../contracts/duties.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { ZExerciseInput, ZPowerCountyParams, ZPowerImportQuery, ZPowerList, ZPowerListInput, ZPowerOnQuery, ZPowerUsageList, ZPowerUsageQuery } from "../../../../contracts/powers.js";
import { AppError } from "../../../http/errors.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import { sendXlsx } from "../../../http/xlsx.js";
import type { RouteDeps } from "../../../http/types.js";
import { chinaToday } from "../../../kernel/dates.js";
import { exportPowerList, importPowerList } from "../excel.js";
import { recordExercise, powerUsage } from "../usage.js";
import { writePowerList } from "../versions.js";
import { powerListView, readableCounty } from "../view.js";

const MAX_XLSX_BYTES = 5 * 1024 * 1024;
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };
const tags = ["powers"];

/** Delegated powers 赋权事项清单: the county's versioned list, Excel in and out, exercises and unused powers. */
export function powerRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/powers/usage",
    { schema: { tags, summary: "赋权事项行使情况与一年未行使标记 / how often each township exercised each power; unused ones flagged", querystring: ZPowerUsageQuery, response: { 200: ZPowerUsageList, ...errors } } },
    async (request) => powerUsage(db, actorOf(request), request.query, pickLang(request.headers["accept-language"])),
  );

  app.post(
    "/api/powers/exercises",
    { schema: { tags, summary: "登记某月行使次数 / record how often a township exercised a power in a month", body: ZExerciseInput, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (request) => {
      await recordExercise(db, actorOf(request), request.body);
      return { ok: true as const };
    },
  );

  app.get(
    "/api/powers/:countyCode",
    { schema: { tags, summary: "县级赋权事项清单（指定日期生效的版本）/ a county's power list in force on a date, and its versions", params: ZPowerCountyParams, querystring: ZPowerOnQuery, response: { 200: ZPowerList, ...errors } } },
    async (request) => powerListView(db, await readableCounty(db, actorOf(request), request.params.countyCode), request.query.on ?? chinaToday()),
  );

  app.post(
    "/api/powers/:countyCode",
    { schema: { tags, summary: "发布新版本赋权事项清单 / publish a new version of the list", params: ZPowerCountyParams, body: ZPowerListInput, response: { 201: ZPowerList, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const version = await writePowerList(db, { actor, countyCode: request.params.countyCode, input: request.body, source: "api" });
      return reply.status(201).send(await powerListView(db, await readableCounty(db, actor, request.params.countyCode), version.effectiveFrom));
    },
  );

  void app.register(async (scoped) => {
    scoped.addContentTypeParser(XLSX_MIME, { parseAs: "buffer", bodyLimit: MAX_XLSX_BYTES }, (_request, body, done) => done(null, body));
    const files = scoped.withTypeProvider<ZodTypeProvider>();
    files.post(
      "/api/powers/:countyCode/import",
      { bodyLimit: MAX_XLSX_BYTES, schema: { tags, summary: "从 Excel 导入赋权事项清单（新版本）/ import the list from an .xlsx body as a new version", params: ZPowerCountyParams, querystring: ZPowerImportQuery, response: { 201: ZPowerList, ...errors } } },
      async (request, reply) => {
        const actor = actorOf(request);
        if (!Buffer.isBuffer(request.body)) throw new AppError("EXCEL_NOT_XLSX");
        const version = await importPowerList(db, { actor, countyCode: request.params.countyCode, file: request.body, ...request.query, lang: pickLang(request.headers["accept-language"]) });
        return reply.status(201).send(await powerListView(db, await readableCounty(db, actor, request.params.countyCode), version.effectiveFrom));
      },
    );
  });

  app.get(
    "/api/powers/:countyCode/export.xlsx",
    { schema: { tags, summary: "导出赋权事项清单 Excel / the list in force as .xlsx", params: ZPowerCountyParams, querystring: ZPowerOnQuery, response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const county = await readableCounty(db, actorOf(request), request.params.countyCode);
      const view = await powerListView(db, county, request.query.on ?? chinaToday());
      const title = `${county.name}赋权乡镇（街道）事项清单${view.version ? `（第 ${view.version.version} 版，${view.version.effectiveFrom} 起施行）` : ""}`;
      const fileName = `${county.name}赋权事项清单.xlsx`;
      return sendXlsx(reply, await exportPowerList(title, view.items), `powers-${county.code}.xlsx`, fileName);
    },
  );
}
