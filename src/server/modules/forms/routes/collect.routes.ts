import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZClassification, ZDatum, ZDatumInput, ZDraftInput, ZDraftSaved, ZIdParams, ZOneTable, ZSubmitInput, ZSubmitResult, ZUnitParams } from "../../../../contracts/forms.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import { sendXlsx } from "../../../http/xlsx.js";
import type { RouteDeps } from "../../../http/types.js";
import { classifyForm } from "../collect/classify.js";
import { enterDatum } from "../collect/datum.js";
import { loadVillage, oneTable } from "../collect/one-table.js";
import { saveDraft, submitOneTable } from "../collect/submit.js";
import { exportForm } from "../excel/export-form.js";
import { loadReadableForm } from "../forms.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const tags = ["forms"];

/** Collection: what a form will cost, the village's one form 一表, its drafts and submissions. */
export function collectRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/forms/:id/classification",
    { schema: { tags, summary: "字段分类：免填（已有数据）/ 合并 / 需填 / fields avoided, merged, asked", params: ZIdParams, response: { 200: ZClassification, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      return classifyForm(db, actor, await loadReadableForm(db, actor, request.params.id));
    },
  );

  app.put(
    "/api/forms/data",
    { schema: { tags, summary: "部门录入或更正一项数据（须说明理由）/ the owner department enters or corrects a datum, with a reason", body: ZDatumInput, response: { 200: ZDatum, ...errors } } },
    async (request) => enterDatum(db, { actor: actorOf(request), input: request.body, lang: pickLang(request.headers["accept-language"]) }),
  );

  app.get(
    "/api/forms/one-table/:unitCode",
    { schema: { tags, summary: "村级一表：尚缺的数据与待确认的已有数据 / a village's one form", params: ZUnitParams, response: { 200: ZOneTable, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      return oneTable(db, actor, await loadVillage(db, actor, request.params.unitCode, "read"));
    },
  );

  app.put(
    "/api/forms/one-table/:unitCode/draft",
    { schema: { tags, summary: "保存草稿 / keep a draft", params: ZUnitParams, body: ZDraftInput, response: { 200: ZDraftSaved, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      const village = await loadVillage(db, actor, request.params.unitCode, "fill");
      return saveDraft(db, { actor, village, values: request.body.values });
    },
  );

  app.post(
    "/api/forms/one-table/:unitCode/submit",
    {
      schema: {
        tags,
        summary: "提交（幂等：同一 idempotencyKey 重试返回第一次的结果）/ submit; a retry with the same key returns the first submission",
        params: ZUnitParams,
        body: ZSubmitInput,
        response: { 200: ZSubmitResult, 201: ZSubmitResult, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const village = await loadVillage(db, actor, request.params.unitCode, "fill");
      const result = await submitOneTable(db, { actor, village, input: request.body, lang: pickLang(request.headers["accept-language"]) });
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );
}

/** A department's own table, filled from shared data, in its original layout. */
export function exportRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/forms/:id/export.xlsx",
    { schema: { tags, summary: "按原表样导出已填报数据 / the form filled, in its original Excel layout", params: ZIdParams, response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { fileName, stream } = await exportForm(db, actor, await loadReadableForm(db, actor, request.params.id));
      return sendXlsx(reply, stream, `form-${request.params.id}.xlsx`, fileName);
    },
  );
}
