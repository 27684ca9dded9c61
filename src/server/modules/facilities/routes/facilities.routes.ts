import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { XLSX_MIME } from "../../../../contracts/duties.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import {
  ZFacility,
  ZFacilityCaseOpened,
  ZFacilityFlagParams,
  ZFacilityIdParams,
  ZFacilityMonths,
  ZFacilityMonthsQuery,
  ZFacilityInput,
  ZFacilityList,
  ZFacilityListQuery,
  ZIdleRuleInput,
  ZIdleRules,
  ZImportResult,
  ZRegionQuery,
  ZUnitQuery,
  ZUnitResources,
  ZUseReportInput,
} from "../../../../contracts/facilities.js";
import { AppError } from "../../../http/errors.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import { sendXlsx } from "../../../http/xlsx.js";
import type { RouteDeps } from "../../../http/types.js";
import { regionPathOf } from "../../../kernel/actor.js";
import { getUnit } from "../../org/units.js";
import { reporterKeysOf } from "../../cases/crypto.js";
import { facilityMonths, facilityMonthsWorkbook } from "../beside-index.js";
import { exportFacilities, importFacilities } from "../excel.js";
import { openFacilityCase } from "../open-case.js";
import { getFacility, listFacilities, registerFacility, reportUse, updateFacility } from "../registry.js";
import { listIdleRules, readableRegion, setIdleRule } from "../rules.js";
import { unitResources } from "../summary.js";

export const MAX_XLSX_BYTES = 5 * 1024 * 1024;
export const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };
const tags = ["facilities"];

/** Public service facilities 公共服务设施: register, use reports, idle flags, rules, Excel, a unit's picture. */
export function facilityRoutes(fastify: FastifyInstance, { db, config }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const lang = (h: string | undefined) => pickLang(h);
  const keys = reporterKeysOf(config);

  app.get(
    "/api/facilities",
    { schema: { tags, summary: "设施台账与闲置标记 / facilities of one's region with their use trend and idle flags", querystring: ZFacilityListQuery, response: { 200: ZFacilityList, ...errors } } },
    async (request) => listFacilities(db, actorOf(request), request.query, lang(request.headers["accept-language"])),
  );

  app.post(
    "/api/facilities",
    { schema: { tags, summary: "登记设施 / register a facility", body: ZFacilityInput, response: { 201: ZFacility, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await registerFacility(db, actor, request.body);
      return reply.status(201).send(await getFacility(db, actor, id, lang(request.headers["accept-language"])));
    },
  );

  app.get(
    "/api/facilities/export.xlsx",
    { schema: { tags, summary: "导出设施台账 Excel / the register as .xlsx", querystring: ZFacilityListQuery, response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const list = await listFacilities(db, actor, request.query, "zh-CN");
      const unit = await getUnit(db, request.query.unit ?? regionPathOf(actor).split(".").at(-1)!);
      const title = `${unit?.name ?? ""}公共服务设施台账`;
      return sendXlsx(reply, await exportFacilities(list.items, title), `facilities.xlsx`, `${title}.xlsx`);
    },
  );

  app.get(
    "/api/facilities/rules",
    { schema: { tags, summary: "闲置认定规则 / idle rules in force for a region", querystring: ZRegionQuery, response: { 200: ZIdleRules, ...errors } } },
    async (request) => listIdleRules(db, await readableRegion(db, actorOf(request), request.query.region)),
  );

  app.put(
    "/api/facilities/rules",
    { schema: { tags, summary: "设置闲置认定规则（按地区、类型）/ set the idle floor and periods for a region and kind", body: ZIdleRuleInput, response: { 200: ZIdleRules, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await setIdleRule(db, actor, request.body);
      return listIdleRules(db, (await getUnit(db, request.body.regionCode))!);
    },
  );

  app.get(
    "/api/facilities/unit-summary",
    { schema: { tags, summary: "单位的设施、项目与赋权事项概况 / what a unit carries of facilities, projects and powers", querystring: ZUnitQuery, response: { 200: ZUnitResources, ...errors } } },
    async (request) => unitResources(db, actorOf(request), request.query.unit, lang(request.headers["accept-language"])),
  );

  app.get(
    "/api/facilities/unit-months",
    {
      schema: { tags, summary: "设施值守工时与负担指数逐月对照、闲置设施 / a unit's facility staff hours beside its burden index, month by month, and its idle facilities", querystring: ZFacilityMonthsQuery, response: { 200: ZFacilityMonths, ...errors } },
    },
    async (request) => facilityMonths(db, actorOf(request), request.query, lang(request.headers["accept-language"])),
  );

  app.get(
    "/api/facilities/unit-months.xlsx",
    { schema: { tags, summary: "设施值守工时对照 Excel / the same as .xlsx", querystring: ZFacilityMonthsQuery, response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const l = lang(request.headers["accept-language"]);
      const data = await facilityMonths(db, actorOf(request), request.query, l);
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", `attachment; filename="facility-hours-${data.unit.code}.xlsx"`)
        .send(await facilityMonthsWorkbook(data, l));
    },
  );

  app.post(
    "/api/facilities/:id/flags/:code/case",
    { schema: { tags, summary: "将闲置标记转为问题线索 / open a case from a facility's idle flag", params: ZFacilityFlagParams, response: { 201: ZFacilityCaseOpened, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const caseId = await openFacilityCase(db, keys, actor, request.params.id, request.params.code);
      return reply.status(201).send({ caseId, facility: await getFacility(db, actor, request.params.id, lang(request.headers["accept-language"])) });
    },
  );

  app.get(
    "/api/facilities/:id",
    { schema: { tags, summary: "设施详情与使用趋势 / a facility and its use trend", params: ZFacilityIdParams, response: { 200: ZFacility, ...errors } } },
    async (request) => getFacility(db, actorOf(request), request.params.id, lang(request.headers["accept-language"])),
  );

  app.put(
    "/api/facilities/:id",
    { schema: { tags, summary: "修改设施 / change a facility", params: ZFacilityIdParams, body: ZFacilityInput, response: { 200: ZFacility, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await updateFacility(db, actor, request.params.id, request.body);
      return getFacility(db, actor, request.params.id, lang(request.headers["accept-language"]));
    },
  );

  app.post(
    "/api/facilities/:id/use-reports",
    { schema: { tags, summary: "报送某月使用情况（到访、活动）/ report a month's use (visits, events)", params: ZFacilityIdParams, body: ZUseReportInput, response: { 200: ZFacility, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await reportUse(db, actor, request.params.id, request.body);
      return getFacility(db, actor, request.params.id, lang(request.headers["accept-language"]));
    },
  );

  void app.register(async (scoped) => {
    scoped.addContentTypeParser(XLSX_MIME, { parseAs: "buffer", bodyLimit: MAX_XLSX_BYTES }, (_request, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post(
      "/api/facilities/import",
      { bodyLimit: MAX_XLSX_BYTES, schema: { tags, summary: "从 Excel 导入设施台账（全部通过才写入）/ import facilities from an .xlsx body, all or nothing", response: { 201: ZImportResult, ...errors } } },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) throw new AppError("EXCEL_NOT_XLSX");
        const created = await importFacilities(db, actorOf(request), request.body, lang(request.headers["accept-language"]));
        return reply.status(201).send({ created });
      },
    );
  });
}
