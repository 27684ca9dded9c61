import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { XLSX_MIME } from "../../../../contracts/duties.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { ZTemplateQuery } from "../../../../contracts/excel.js";
import { ZPlanDecision, ZPlanExportQuery, ZPlanImportQuery, ZPlanImportResult, ZPlanItem, ZPlanItemInput, ZPlanItemParams, ZPlanList, ZPlanListQuery, ZPlanWithdrawal } from "../../../../contracts/inspection-plans.js";
import { AppError } from "../../../http/errors.js";
import { sendXlsx } from "../../../http/xlsx.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { exportPlan, importPlan } from "../excel.js";
import { decidePlanItem, getPlanItem, listPlanItems, submitPlanItem, withdrawPlanItem } from "../registry.js";

const MAX_XLSX_BYTES = 5 * 1024 * 1024;
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };
const tags = ["inspection-plans"];

export function inspectionPlanRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  void fastify.register(async (scoped) => {
    scoped.addContentTypeParser(XLSX_MIME, { parseAs: "buffer", bodyLimit: MAX_XLSX_BYTES }, (_request, body, done) => done(null, body));
    const app = scoped.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/inspection-plans",
      { schema: { tags, summary: "年度督查检查考核计划 / the annual inspection plan of one's region", querystring: ZPlanListQuery, response: { 200: ZPlanList, ...errors } } },
      async (request) => listPlanItems(db, actorOf(request), request.query),
    );

    app.post(
      "/api/inspection-plans",
      { schema: { tags, summary: "报送计划项目 / submit a plan item", body: ZPlanItemInput, response: { 201: ZPlanItem, ...errors } } },
      async (request, reply) => {
        const actor = actorOf(request);
        const id = await submitPlanItem(db, { actor, input: request.body });
        return reply.status(201).send(await getPlanItem(db, actor, id));
      },
    );

    app.post(
      "/api/inspection-plans/:id/decide",
      { schema: { tags, summary: "减负办审批计划项目（须写明理由）/ the office approves or rejects a plan item, with a reason", params: ZPlanItemParams, body: ZPlanDecision, response: { 200: ZPlanItem, ...errors } } },
      async (request) => {
        const actor = actorOf(request);
        await decidePlanItem(db, { actor, id: request.params.id, ...request.body });
        return getPlanItem(db, actor, request.params.id);
      },
    );

    app.post(
      "/api/inspection-plans/:id/withdraw",
      { schema: { tags, summary: "减负办撤回已批准的计划项目（须写明理由）/ the office withdraws an approved item from the register, with a reason", params: ZPlanItemParams, body: ZPlanWithdrawal, response: { 200: ZPlanItem, ...errors } } },
      async (request) => {
        const actor = actorOf(request);
        await withdrawPlanItem(db, { actor, id: request.params.id, reason: request.body.reason });
        return getPlanItem(db, actor, request.params.id);
      },
    );

    app.get(
      "/api/inspection-plans/export.xlsx",
      { schema: { tags, summary: "导出年度计划 / the plan as .xlsx", querystring: ZPlanExportQuery.extend(ZTemplateQuery.shape), response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
      async (request, reply) => {
        const file = await exportPlan(db, actorOf(request), request.query.year, request.query.template === "true");
        const name = `督检考计划-${request.query.year}.xlsx`;
        return sendXlsx(reply, file, `inspection-plan-${request.query.year}.xlsx`, name);
      },
    );

    app.post(
      "/api/inspection-plans/import",
      {
        bodyLimit: MAX_XLSX_BYTES,
        schema: { tags, summary: "从 Excel 报送计划项目（请求体为 .xlsx）/ submit plan items from an .xlsx body", querystring: ZPlanImportQuery, response: { 201: ZPlanImportResult, ...errors } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (!Buffer.isBuffer(request.body)) throw new AppError("EXCEL_NOT_XLSX");
        const result = await importPlan(db, { actor, departmentCode: request.query.department, year: request.query.year, file: request.body, lang: pickLang(request.headers["accept-language"]) });
        return reply.status(201).send(result);
      },
    );
  });
}
