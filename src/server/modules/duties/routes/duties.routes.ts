import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZDutyDifferencesInput, ZDutyList, ZDutyOnQuery, ZDutyTemplateInput, ZDutyUnitParams, ZDutyVersions, ZDutyWriteResult } from "../../../../contracts/duties.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { AppError } from "../../../http/errors.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { dutyListHistory, effectiveDutyList } from "../lists.js";
import { historyDto, listDto, writeResultDto } from "../present.js";
import { createTemplateVersion, setTownshipDifferences } from "../versions.js";
import { chinaToday, lineageOf, loadEditableListUnit, loadReadableListUnit } from "./load.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const tags = ["duties"];

export function dutyListRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/duties/:unitCode",
    {
      schema: {
        tags,
        summary: "履职事项清单（乡镇为生效清单，县为模板）/ the duty list in force on a date",
        params: ZDutyUnitParams,
        querystring: ZDutyOnQuery,
        response: { 200: ZDutyList, ...errors },
      },
    },
    async (request) => {
      const unit = await loadReadableListUnit(db, actorOf(request), request.params.unitCode);
      const on = request.query.on ?? chinaToday();
      const list = await effectiveDutyList(db, unit.code, on);
      if (!list) throw new AppError("DUTY_LIST_NOT_FOUND", { unit: unit.name, on });
      return listDto(list);
    },
  );

  app.get(
    "/api/duties/:unitCode/versions",
    { schema: { tags, summary: "清单版本记录 / versions of a duty list", params: ZDutyUnitParams, response: { 200: ZDutyVersions, ...errors } } },
    async (request) => {
      const unit = await loadReadableListUnit(db, actorOf(request), request.params.unitCode);
      return historyDto(await dutyListHistory(db, unit.code), chinaToday());
    },
  );

  app.post(
    "/api/duties/:unitCode/template",
    {
      schema: {
        tags,
        summary: "发布县级清单模板新版本 / publish a new version of a county's template",
        params: ZDutyUnitParams,
        body: ZDutyTemplateInput,
        response: { 201: ZDutyWriteResult, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const unit = await loadEditableListUnit(db, actor, request.params.unitCode, "template");
      const lang = pickLang(request.headers["accept-language"]);
      const result = await createTemplateVersion(db, { actor, countyCode: unit.code, input: request.body, lang });
      return reply.status(201).send(writeResultDto(result, await lineageOf(db, unit.code), chinaToday()));
    },
  );

  app.post(
    "/api/duties/:unitCode/differences",
    {
      schema: {
        tags,
        summary: "设置乡镇与模板的差异（新版本）/ set a township's differences from the template",
        params: ZDutyUnitParams,
        body: ZDutyDifferencesInput,
        response: { 201: ZDutyWriteResult, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const unit = await loadEditableListUnit(db, actor, request.params.unitCode, "township");
      const lang = pickLang(request.headers["accept-language"]);
      const result = await setTownshipDifferences(db, { actor, townshipCode: unit.code, input: request.body, lang });
      return reply.status(201).send(writeResultDto(result, await lineageOf(db, unit.code), chinaToday()));
    },
  );
}
