import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { ZTemplateQuery } from "../../../../contracts/excel.js";
import { ZSecondment, ZSecondmentHours, ZSecondmentHoursQuery, ZSecondmentIdParams, ZSecondmentInput, ZSecondmentList, ZSecondmentListQuery, ZSecondmentReturn } from "../../../../contracts/secondments.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import { sendXlsx, xlsxImportRoute } from "../../../http/xlsx.js";
import type { RouteDeps } from "../../../http/types.js";
import { exportSecondments, importSecondments } from "../excel.js";
import { secondmentHours } from "../hours.js";
import { getSecondment, listSecondments, registerSecondment, returnSecondment } from "../registry.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const tags = ["secondments"];

export function secondmentRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const lang = (h: string | undefined) => pickLang(h);

  app.post(
    "/api/secondments",
    { schema: { tags, summary: "登记借调 / register a secondment of a grassroots cadre", body: ZSecondmentInput, response: { 201: ZSecondment, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await registerSecondment(db, { actor, input: request.body });
      return reply.status(201).send(await getSecondment(db, actor, id, lang(request.headers["accept-language"])));
    },
  );

  app.get(
    "/api/secondments",
    { schema: { tags, summary: "借调登记与问题 / secondments of one's region and their flags", querystring: ZSecondmentListQuery, response: { 200: ZSecondmentList, ...errors } } },
    async (request) => listSecondments(db, actorOf(request), request.query, lang(request.headers["accept-language"])),
  );

  app.get(
    "/api/secondments/hours",
    { schema: { tags, summary: "各借出单位年度被借调占用工时与上年对比 / working hours taken from each lending unit in a year, against last year", querystring: ZSecondmentHoursQuery, response: { 200: ZSecondmentHours, ...errors } } },
    async (request) => secondmentHours(db, actorOf(request), request.query.year),
  );

  app.post(
    "/api/secondments/:id/return",
    { schema: { tags, summary: "登记返回原单位 / record the return to the home unit", params: ZSecondmentIdParams, body: ZSecondmentReturn, response: { 200: ZSecondment, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await returnSecondment(db, { actor, id: request.params.id, returnedOn: request.body.returnedOn });
      return getSecondment(db, actor, request.params.id, lang(request.headers["accept-language"]));
    },
  );

  app.get(
    "/api/secondments/export.xlsx",
    { schema: { tags, summary: "导出借调登记台账 / the secondments of one's region as .xlsx", querystring: ZSecondmentListQuery.omit({ limit: true }).extend(ZTemplateQuery.shape), response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const file = await exportSecondments(db, actorOf(request), request.query, lang(request.headers["accept-language"]));
      return sendXlsx(reply, file, `secondments.xlsx`, "借调登记台账.xlsx");
    },
  );

  xlsxImportRoute(fastify, {
    url: "/api/secondments/import.xlsx",
    tags,
    summary: "从 Excel 导入借调登记（列同导出；逐行按单条登记校验，一行有误则全部不导入）/ import secondments from an .xlsx body, each row as a single registration",
    run: (actor, file, lang) => importSecondments(db, actor, file, lang),
  });
}
