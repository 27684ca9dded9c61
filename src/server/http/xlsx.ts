import type { FastifyInstance, FastifyReply } from "fastify";
import type { Readable } from "node:stream";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { XLSX_MIME } from "../../contracts/duties.js";
import { ZErrorBody } from "../../contracts/errors.js";
import { ZTableImportResult, type TableImportResult } from "../../contracts/excel.js";
import type { Actor } from "../kernel/actor.js";
import { AppError } from "./errors.js";
import { pickLang, type Lang } from "./i18n.js";
import { actorOf } from "./session.js";

/** The largest .xlsx a register import takes (a body over it is answered 413 PAYLOAD_TOO_LARGE). */
export const MAX_IMPORT_XLSX_BYTES = 5 * 1024 * 1024;

/**
 * Sends an .xlsx as a download: `asciiName` for old clients, `name` (Chinese) as the RFC 6266/5987
 * `filename*` every current browser uses; a Buffer or a stream. Every export.xlsx route answers through this.
 */
export function sendXlsx(reply: FastifyReply, file: Buffer | Readable, asciiName: string, name: string): FastifyReply {
  const ascii = asciiName.replace(/[^\w.-]/g, "_");
  return reply
    .header("content-type", XLSX_MIME)
    .header("content-disposition", `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(file);
}

/**
 * Lets the routes of one plugin take a raw .xlsx body (content-type of .xlsx, up to `maxBytes`) as a
 * Buffer. Call it inside `fastify.register(async (scoped) => …)`: no other route takes files.
 */
export function acceptXlsxBody(scoped: FastifyInstance, maxBytes = MAX_IMPORT_XLSX_BYTES): void {
  scoped.addContentTypeParser(XLSX_MIME, { parseAs: "buffer", bodyLimit: maxBytes }, (_request, body, done) => done(null, body));
}

const importErrors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };

/**
 * POST `url` with a raw .xlsx body (at most 5 MB, content-type of .xlsx; anything else is 415, a larger
 * body 413): the register's import, answered 201 with the rows written. `run` reads, checks and writes.
 */
export function xlsxImportRoute(
  fastify: FastifyInstance,
  args: { url: string; tags: string[]; summary: string; run: (actor: Actor, file: Buffer, lang: Lang) => Promise<TableImportResult> },
): void {
  void fastify.register(async (scoped) => {
    acceptXlsxBody(scoped);
    scoped.withTypeProvider<ZodTypeProvider>().post(
      args.url,
      { bodyLimit: MAX_IMPORT_XLSX_BYTES, schema: { tags: args.tags, summary: args.summary, response: { 201: ZTableImportResult, ...importErrors } } },
      async (request, reply) => {
        const actor = actorOf(request);
        if (!Buffer.isBuffer(request.body)) throw new AppError("EXCEL_NOT_XLSX");
        return reply.status(201).send(await args.run(actor, request.body, pickLang(request.headers["accept-language"])));
      },
    );
  });
}
