import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { CATEGORY_NAMES, ZNotice, ZNoticeIdParams, ZNoticeInput, ZNoticeList, ZPublicNoticeQuery } from "../../../../contracts/cases.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { PUBLIC_RATE_LIMIT } from "../../org/routes/public.routes.js";
import { noticeDocx } from "../notice-docx.js";
import { noticePdf } from "../notice-pdf.js";
import { createNotice, listNotices, publishedNotice, publishedNotices, publishNotice } from "../notices.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 429: ZErrorBody, 503: ZErrorBody };
const tags = ["notices"];

/** Notices 通报: composed and published by a handling body; read by anyone on the public page. */
export function noticeRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get("/api/notices", { schema: { tags, summary: "本机关的通报 / notices of my body", response: { 200: ZNoticeList, ...errors } } }, async (request) => ({
    items: await listNotices(db, actorOf(request)),
  }));

  app.post("/api/notices", { schema: { tags, summary: "起草通报 / draft a notice of typical cases", body: ZNoticeInput, response: { 201: ZNotice, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await createNotice(db, actorOf(request), request.body)),
  );

  app.post("/api/notices/:id/publish", { schema: { tags, summary: "编号并发布 / number and publish", params: ZNoticeIdParams, response: { 200: ZNotice, ...errors } } }, async (request) =>
    publishNotice(db, actorOf(request), request.params.id),
  );

  const open = { config: { public: true, rateLimit: PUBLIC_RATE_LIMIT } };
  app.get("/api/public/notices", { ...open, schema: { tags: ["public"], summary: "公开：典型问题通报 / public: published notices", querystring: ZPublicNoticeQuery, response: { 200: ZNoticeList, ...errors } } }, async (request) => ({
    items: await publishedNotices(db, request.query.region),
  }));

  app.get("/api/public/notices/:id", { ...open, schema: { tags: ["public"], summary: "公开：一份通报 / public: a notice", params: ZNoticeIdParams, response: { 200: ZNotice, ...errors } } }, async (request) =>
    publishedNotice(db, request.params.id),
  );

  app.get(
    "/api/public/notices/:id/pdf",
    { ...open, schema: { tags: ["public"], summary: "公开：通报 PDF（公文格式）/ public: the notice as an official-format PDF", params: ZNoticeIdParams, response: { 200: z.unknown().describe("PDF"), ...errors } } },
    async (request, reply) => {
      const notice = await publishedNotice(db, request.params.id);
      const pdf = await noticePdf(notice, (c) => CATEGORY_NAMES[c].zh);
      return reply.type("application/pdf").header("content-disposition", `inline; filename="notice-${notice.id.slice(0, 8)}.pdf"`).send(pdf);
    },
  );

  app.get(
    "/api/public/notices/:id/docx",
    { ...open, schema: { tags: ["public"], summary: "公开：通报 Word 版（GB/T 9704）/ public: the notice as an editable .docx", params: ZNoticeIdParams, response: { 200: z.unknown().describe(".docx"), ...errors } } },
    async (request, reply) => {
      const notice = await publishedNotice(db, request.params.id);
      const docx = await noticeDocx(notice, (c) => CATEGORY_NAMES[c].zh);
      return reply
        .type("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", `attachment; filename="notice-${notice.id.slice(0, 8)}.docx"`)
        .send(docx);
    },
  );
}
