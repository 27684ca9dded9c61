import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { XLSX_MIME } from "../../../../contracts/duties.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import {
  ZExerciseImportResult,
  ZExerciseInput,
  ZExerciseList,
  ZExerciseListQuery,
  ZExerciseRecord,
  ZPowerCaseOpened,
  ZPowerCaseParams,
  ZPowerCountyParams,
  ZPowerDifferencesInput,
  ZPowerImportQuery,
  ZPowerList,
  ZPowerListInput,
  ZPowerOnQuery,
  ZPowerTownshipParams,
  ZPowerUsageList,
  ZPowerUsageQuery,
  ZTownshipPowerList,
} from "../../../../contracts/powers.js";
import { AppError } from "../../../http/errors.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import { sendXlsx } from "../../../http/xlsx.js";
import type { RouteDeps } from "../../../http/types.js";
import { chinaToday } from "../../../kernel/dates.js";
import { reporterKeysOf } from "../../cases/crypto.js";
import { exportPowerList, exportTownshipList, importPowerList, importTownshipList } from "../excel.js";
import { openPowerCase } from "../open-case.js";
import { exportExercises, importExercises, listExercises, recordExercise } from "../records.js";
import { readableTownship, townshipListView, writeTownshipDifferences } from "../township.js";
import { powerUsage } from "../usage.js";
import { writePowerList } from "../versions.js";
import { powerListView, readableCounty } from "../view.js";

const MAX_XLSX_BYTES = 5 * 1024 * 1024;
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };
const tags = ["powers"];

/** Delegated powers 赋权事项清单: the county's versioned list, Excel in and out, exercises and unused powers. */
export function powerRoutes(fastify: FastifyInstance, { db, config }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const keys = reporterKeysOf(config);
  const langOf = (h: string | undefined) => pickLang(h);

  app.get(
    "/api/powers/usage",
    { schema: { tags, summary: "赋权事项行使情况与一年未行使标记 / how often each township exercised each power; unused ones flagged", querystring: ZPowerUsageQuery, response: { 200: ZPowerUsageList, ...errors } } },
    async (request) => powerUsage(db, actorOf(request), request.query, pickLang(request.headers["accept-language"])),
  );

  app.post(
    "/api/powers/usage/:townshipCode/:key/case",
    { schema: { tags, summary: "将一年未行使的赋权事项转为问题线索 / open a case from a power unused for a year", params: ZPowerCaseParams, response: { 201: ZPowerCaseOpened, ...errors } } },
    async (request, reply) => reply.status(201).send({ caseId: await openPowerCase(db, keys, actorOf(request), request.params.townshipCode, request.params.key) }),
  );

  app.get(
    "/api/powers/exercises",
    { schema: { tags, summary: "行使记录 / exercise records of one's region, newest first", querystring: ZExerciseListQuery, response: { 200: ZExerciseList, ...errors } } },
    async (request) => listExercises(db, actorOf(request), request.query),
  );

  app.post(
    "/api/powers/exercises",
    { schema: { tags, summary: "登记一次行使（日期、案卷/文书编号）/ record one exercise of a power", body: ZExerciseInput, response: { 201: ZExerciseRecord, ...errors } } },
    async (request, reply) => reply.status(201).send(await recordExercise(db, actorOf(request), request.body)),
  );

  app.get(
    "/api/powers/exercises/export.xlsx",
    { schema: { tags, summary: "导出行使记录 Excel / exercise records as .xlsx (imports back)", querystring: ZExerciseListQuery, response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const list = await listExercises(db, actorOf(request), request.query);
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", `attachment; filename="power-exercises.xlsx"; filename*=UTF-8''${encodeURIComponent("赋权事项行使记录.xlsx")}`)
        .send(await exportExercises("赋权事项行使记录", list.items));
    },
  );

  app.get(
    "/api/powers/townships/:townshipCode",
    { schema: { tags, summary: "乡镇赋权事项清单（县级清单＋乡镇差异）/ a township's effective list on a date, its differences and versions", params: ZPowerTownshipParams, querystring: ZPowerOnQuery, response: { 200: ZTownshipPowerList, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      return townshipListView(db, actor, await readableTownship(db, actor, request.params.townshipCode), request.query.on ?? chinaToday());
    },
  );

  app.post(
    "/api/powers/townships/:townshipCode/differences",
    { schema: { tags, summary: "发布乡镇差异新版本（增加、调整、取消）/ publish a new version of a township's differences", params: ZPowerTownshipParams, body: ZPowerDifferencesInput, response: { 201: ZTownshipPowerList, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const version = await writeTownshipDifferences(db, { actor, townshipCode: request.params.townshipCode, input: request.body, source: "api", lang: langOf(request.headers["accept-language"]) });
      return reply.status(201).send(await townshipListView(db, actor, await readableTownship(db, actor, request.params.townshipCode), version.effectiveFrom));
    },
  );

  app.get(
    "/api/powers/townships/:townshipCode/export.xlsx",
    { schema: { tags, summary: "导出乡镇赋权事项清单 Excel / a township's effective list as .xlsx", params: ZPowerTownshipParams, querystring: ZPowerOnQuery, response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await townshipListView(db, actor, await readableTownship(db, actor, request.params.townshipCode), request.query.on ?? chinaToday());
      const title = `${view.township.name}赋权事项清单（${view.on}）`;
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", `attachment; filename="powers-${view.township.code}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${title}.xlsx`)}`)
        .send(await exportTownshipList(title, view.items));
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
      "/api/powers/exercises/import",
      { bodyLimit: MAX_XLSX_BYTES, schema: { tags, summary: "从 Excel 导入行使记录（全部通过才写入）/ import exercise records from an .xlsx body, all or nothing", response: { 201: ZExerciseImportResult, ...errors } } },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) throw new AppError("EXCEL_NOT_XLSX");
        return reply.status(201).send({ created: await importExercises(db, actorOf(request), request.body, langOf(request.headers["accept-language"])) });
      },
    );
    files.post(
      "/api/powers/townships/:townshipCode/import",
      {
        bodyLimit: MAX_XLSX_BYTES,
        schema: { tags, summary: "从 Excel 导入乡镇清单（存为与县级清单的差异）/ import a township's whole list; stored as its differences", params: ZPowerTownshipParams, querystring: ZPowerImportQuery, response: { 201: ZTownshipPowerList, ...errors } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (!Buffer.isBuffer(request.body)) throw new AppError("EXCEL_NOT_XLSX");
        const version = await importTownshipList(db, { actor, townshipCode: request.params.townshipCode, file: request.body, ...request.query, lang: langOf(request.headers["accept-language"]) });
        return reply.status(201).send(await townshipListView(db, actor, await readableTownship(db, actor, request.params.townshipCode), version.effectiveFrom));
      },
    );
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
