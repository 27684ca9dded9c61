import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { XLSX_MIME } from "../../../../contracts/duties.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { ZTemplateQuery } from "../../../../contracts/excel.js";
import {
  ZEvaluationDecision, ZEvaluationImportResult, ZEvaluationRequest, ZEvaluationRequestInput, ZEvaluationRequestParams, ZEvaluationWithdrawal, ZEvaluationYear, ZEvaluationYearQuery,
} from "../../../../contracts/evaluations.js";
import { AppError } from "../../../http/errors.js";
import { sendXlsx, xlsxImportRoute } from "../../../http/xlsx.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { importEvaluationList, writeEvaluationWorkbook } from "../evaluations-excel.js";
import { exportEvaluationRequests, importEvaluationRequests } from "../requests-excel.js";
import { decideRequest, loadRequest, presentRequests, requestEvaluation, withdrawApproved } from "../requests.js";
import { evaluationYear } from "../year.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };
const tags = ["evaluations"];
const MAX_LIST_XLSX_BYTES = 5 * 1024 * 1024;

/** 评比创建清单: requests and their approval, the year's list against what was registered, Excel in and out. */
export function evaluationRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/api/evaluations/requests",
    { schema: { tags, summary: "申请列入评比创建清单 / ask for an evaluation, demonstration or festival", body: ZEvaluationRequestInput, response: { 201: ZEvaluationRequest, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await requestEvaluation(db, actor, request.body);
      return reply.status(201).send((await presentRequests(db, actor, [await loadRequest(db, actor, id)]))[0]!);
    },
  );

  app.post(
    "/api/evaluations/requests/:id/decision",
    { schema: { tags, summary: "批准或驳回（减负办）/ approve or reject (office)", params: ZEvaluationRequestParams, body: ZEvaluationDecision, response: { 200: ZEvaluationRequest, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await decideRequest(db, actor, request.params.id, request.body);
      return (await presentRequests(db, actor, [await loadRequest(db, actor, request.params.id)]))[0]!;
    },
  );

  app.post(
    "/api/evaluations/withdraw",
    { schema: { tags, summary: "撤出经批准清单（减负办，须写明理由）/ take an approved item off the list (office, with a reason)", body: ZEvaluationWithdrawal, response: { 200: ZEvaluationYear, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await withdrawApproved(db, actor, request.body);
      return evaluationYear(db, actor, request.body.year);
    },
  );

  app.get(
    "/api/evaluations",
    { schema: { tags, summary: "年度清单、申请与未列入清单的事项 / the year's list, requests, and what is not on the list", querystring: ZEvaluationYearQuery, response: { 200: ZEvaluationYear, ...errors } } },
    async (request) => evaluationYear(db, actorOf(request), request.query.year),
  );

  app.get(
    "/api/evaluations/export.xlsx",
    { schema: { tags, summary: "导出年度清单 Excel / the year's list as .xlsx", querystring: ZEvaluationYearQuery.extend(ZTemplateQuery.shape), response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const file = await writeEvaluationWorkbook(await evaluationYear(db, actorOf(request), request.query.year), request.query.template === "true");
      return sendXlsx(reply, file, `evaluations-${request.query.year}.xlsx`, `评比创建清单-${request.query.year}.xlsx`);
    },
  );

  app.get(
    "/api/evaluations/requests/export.xlsx",
    {
      schema: {
        tags,
        summary: "导出年度评比创建申请及审批结果（template=true 为导入模板）/ the year's requests and their answers as .xlsx, or with template=true the import's empty sheet",
        querystring: ZEvaluationYearQuery.extend(ZTemplateQuery.shape),
        response: { 200: z.unknown().describe("the .xlsx file"), ...errors },
      },
    },
    async (request, reply) => {
      const file = await exportEvaluationRequests(db, actorOf(request), request.query);
      return sendXlsx(reply, file, `evaluation-requests-${request.query.year}.xlsx`, `评比创建申请-${request.query.year}.xlsx`);
    },
  );

  xlsxImportRoute(fastify, {
    url: "/api/evaluations/requests/import.xlsx",
    tags,
    summary: "从 Excel 导入评比创建申请（每行同单项申请；已申请且未被驳回的行不变，一行有误则全部不导入）/ import requests, each row as a single request",
    run: (actor, file, lang) => importEvaluationRequests(db, actor, file, lang),
  });

  void fastify.register(async (scoped) => {
    scoped.addContentTypeParser(XLSX_MIME, { parseAs: "buffer", bodyLimit: MAX_LIST_XLSX_BYTES }, (_request, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post(
      "/api/evaluations/import",
      {
        bodyLimit: MAX_LIST_XLSX_BYTES,
        schema: { tags, summary: "从 Excel 导入经批准清单（减负办）/ import the approved list from an .xlsx body (office)", querystring: ZEvaluationYearQuery, response: { 201: ZEvaluationImportResult, ...errors } },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) throw new AppError("EXCEL_NOT_XLSX");
        const added = await importEvaluationList(db, actorOf(request), request.query.year, request.body, pickLang(request.headers["accept-language"]));
        return reply.status(201).send({ added });
      },
    );
  });
}
