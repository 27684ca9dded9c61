import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { exportDocuments, importDocuments } from "../excel.js";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  DOCX_MIME,
  MAX_DOCUMENT_FILE_BYTES,
  ZDocumentCounts,
  ZDocumentCountsQuery,
  ZDocumentDetail,
  ZDocumentIdParams,
  ZDocumentList,
  ZDocumentListQuery,
  ZExtractedText,
  ZRegisterDocument,
} from "../../../../contracts/documents.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { ZTemplateQuery } from "../../../../contracts/excel.js";
import { AppError } from "../../../http/errors.js";
import { sendXlsx, xlsxImportRoute } from "../../../http/xlsx.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { authorize } from "../../../kernel/actor.js";
import { normalize } from "../copying.js";
import { extractDocumentText } from "../extract.js";
import { documentPolicy } from "../policy.js";
import { documentCounts, documentDetail, listDocuments } from "../queries.js";
import { loadReadableDocument, registerDocument } from "../registry.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };
const tags = ["documents"];

export function documentRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/api/documents",
    { schema: { tags, summary: "登记文件 / register a document with its full text", body: ZRegisterDocument, response: { 201: ZDocumentDetail, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = await registerDocument(db, { actor, input: request.body });
      const row = await loadReadableDocument(db, actor, id);
      return reply.status(201).send(await documentDetail(db, actor, row, pickLang(request.headers["accept-language"])));
    },
  );

  app.get(
    "/api/documents",
    { schema: { tags, summary: "文件列表（本辖区及上级）/ documents of one's region and above", querystring: ZDocumentListQuery, response: { 200: ZDocumentList, ...errors } } },
    async (request) => listDocuments(db, actorOf(request), request.query, pickLang(request.headers["accept-language"])),
  );

  app.get(
    "/api/documents/counts",
    { schema: { tags, summary: "各发文单位年度发文数量与上年对比 / yearly counts per issuer against last year", querystring: ZDocumentCountsQuery, response: { 200: ZDocumentCounts, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      authorize(documentPolicy.canSeeCounts(actor));
      return documentCounts(db, actor, request.query.year);
    },
  );

  app.get(
    "/api/documents/:id",
    { schema: { tags, summary: "文件详情与照搬段落对照 / a document with the copied passages side by side", params: ZDocumentIdParams, response: { 200: ZDocumentDetail, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      const row = await loadReadableDocument(db, actor, request.params.id);
      return documentDetail(db, actor, row, pickLang(request.headers["accept-language"]));
    },
  );

  // Files come as their raw body (.docx or .txt); only this plugin parses such bodies.
  void fastify.register(async (scoped) => {
    const parse = (_request: unknown, body: Buffer, done: (err: Error | null, body?: Buffer) => void) => done(null, body);
    scoped.addContentTypeParser(DOCX_MIME, { parseAs: "buffer", bodyLimit: MAX_DOCUMENT_FILE_BYTES }, parse);
    scoped.addContentTypeParser("text/plain", { parseAs: "buffer", bodyLimit: MAX_DOCUMENT_FILE_BYTES }, parse);
    scoped.withTypeProvider<ZodTypeProvider>().post(
      "/api/documents/extract",
      {
        bodyLimit: MAX_DOCUMENT_FILE_BYTES,
        schema: {
          tags,
          summary: "读取 .docx / .txt 文件正文（请求体为文件，最大 10 MB）/ the text of an uploaded .docx or .txt body",
          response: { 200: ZExtractedText, ...errors },
        },
      },
      async (request) => {
        actorOf(request);
        if (!Buffer.isBuffer(request.body)) throw new AppError("DOCUMENT_FILE_UNREADABLE", { kind: ".docx / .txt" });
        const kind = request.headers["content-type"]?.startsWith(DOCX_MIME) ? "docx" : "txt";
        const text = await extractDocumentText(request.body, kind);
        return { text, chars: normalize(text).chars.length };
      },
    );
  });

  app.get(
    "/api/documents/export.xlsx",
    { schema: { tags, summary: "导出文件登记台账 / the documents one may read as .xlsx", querystring: ZDocumentListQuery.omit({ limit: true, offset: true }).extend(ZTemplateQuery.shape), response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const file = await exportDocuments(db, actorOf(request), request.query, pickLang(request.headers["accept-language"]));
      return sendXlsx(reply, file, `documents.xlsx`, "文件登记台账.xlsx");
    },
  );

  xlsxImportRoute(fastify, {
    url: "/api/documents/import.xlsx",
    tags,
    summary: "从 Excel 导入文件登记（列同导出，全文可不填；逐行查照搬与发文数，一行有误则全部不导入）/ import documents from an .xlsx body, each row registered as a single document",
    run: (actor, file, lang) => importDocuments(db, actor, file, lang),
  });
}
