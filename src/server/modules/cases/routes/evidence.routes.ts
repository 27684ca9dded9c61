import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZEvidence, ZEvidenceParams, ZReceiptParams } from "../../../../contracts/cases.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { AppError } from "../../../http/errors.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import type { ReporterKeys } from "../crypto.js";
import { addEvidence, MAX_EVIDENCE_BYTES, readEvidence } from "../evidence.js";
import { caseByReceipt } from "../follow.js";
import { loadCaseFor } from "../handling.js";
import { FOLLOW_LIMIT } from "./public.routes.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody, 429: ZErrorBody };
const tags = ["cases"];

/** Evidence files. The raw-body parser lives in this plugin only; the type is decided by content, never by the header. */
export function evidenceRoutes(fastify: FastifyInstance, { db }: RouteDeps, keys: ReporterKeys) {
  void fastify.register(async (scoped) => {
    scoped.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: MAX_EVIDENCE_BYTES }, (_request, body, done) => done(null, body));
    const app = scoped.withTypeProvider<ZodTypeProvider>();

    app.post(
      "/api/public/reports/:receipt/evidence",
      {
        config: { public: true, rateLimit: FOLLOW_LIMIT },
        logLevel: "silent",
        bodyLimit: MAX_EVIDENCE_BYTES,
        schema: { tags: ["public"], summary: "公开：凭回执码上传证据（请求体为文件，最大 5 MB）/ public: add a file to a case", params: ZReceiptParams, response: { 201: ZEvidence, ...errors } },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new AppError("EVIDENCE_TYPE");
        const row = await caseByReceipt(db, keys, request.params.receipt);
        return reply.status(201).send(await addEvidence(db, row, request.body));
      },
    );

    app.get(
      "/api/cases/:id/evidence/:evidenceId",
      { schema: { tags, summary: "下载证据文件（留痕）/ download an evidence file (audited)", params: ZEvidenceParams, response: { 200: z.unknown().describe("the file"), ...errors } } },
      async (request, reply) => {
        const actor = actorOf(request);
        const file = await readEvidence(db, { actor, row: await loadCaseFor(db, actor, request.params.id), evidenceId: request.params.evidenceId });
        return reply
          .type(file.contentType)
          .header("content-disposition", `attachment; filename="evidence-${file.id.slice(0, 8)}.${file.extension}"`)
          .header("x-content-type-options", "nosniff")
          .header("cache-control", "no-store")
          .send(file.data);
      },
    );
  });
}
