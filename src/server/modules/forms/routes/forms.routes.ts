import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { XLSX_MIME, ZForm, ZFormList, ZIdParams, ZMappingInput, ZMappingResult, ZUploadQuery } from "../../../../contracts/forms.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { AppError } from "../../../http/errors.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { confirmMapping } from "../confirm.js";
import { formDto, listForms, loadReadableForm, uploadForm } from "../forms.js";
import { MAX_UPLOAD_BYTES } from "./catalog.routes.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };
const tags = ["forms"];

/** A department's forms: upload of the table it uses today, the proposed mapping, its confirmation. */
export function formUploadRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  void fastify.register(async (scoped) => {
    scoped.addContentTypeParser([XLSX_MIME, "text/csv"], { parseAs: "buffer", bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => done(null, body));
    const app = scoped.withTypeProvider<ZodTypeProvider>();

    app.post(
      "/api/forms/upload",
      {
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags,
          summary: "上传报表（.xlsx 或 XLSForm，或 text/csv：UTF-8/GBK；最大 10 MB），返回各列建议对应的指标 / upload a form (.xlsx, XLSForm or CSV); each column gets a proposed indicator",
          querystring: ZUploadQuery,
          response: { 201: ZForm, ...errors },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (!Buffer.isBuffer(request.body)) throw new AppError("EXCEL_NOT_XLSX");
        const lang = pickLang(request.headers["accept-language"]);
        const csv = (request.headers["content-type"] ?? "").startsWith("text/csv");
        const form = await uploadForm(db, { actor, file: request.body, csv, lang, ...request.query });
        return reply.status(201).send(form);
      },
    );

    app.get("/api/forms", { schema: { tags, summary: "本地区的报表 / forms of one's region", response: { 200: ZFormList, ...errors } } }, async (request) => ({
      forms: await listForms(db, actorOf(request)),
    }));

    app.get("/api/forms/:id", { schema: { tags, summary: "报表及字段对应 / a form and its fields", params: ZIdParams, response: { 200: ZForm, ...errors } } }, async (request) =>
      formDto(db, await loadReadableForm(db, actorOf(request), request.params.id)),
    );

    app.put(
      "/api/forms/:id/mapping",
      { schema: { tags, summary: "确认字段对应（可新建指标）/ confirm the mapping, creating indicators as needed", params: ZIdParams, body: ZMappingInput, response: { 200: ZMappingResult, ...errors } } },
      async (request) =>
        confirmMapping(db, { actor: actorOf(request), formId: request.params.id, input: request.body, lang: pickLang(request.headers["accept-language"]), log: request.log }),
    );
  });
}
