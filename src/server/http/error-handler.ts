import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, messageFor, type ErrorCode } from "./errors.js";
import { pickLang, type Lang } from "./i18n.js";

const zodLocales = { "zh-CN": z.locales.zhCN().localeError, en: z.locales.en().localeError };

/** Fastify's own client-error codes, mapped onto ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "MALFORMED_JSON",
  FST_ERR_CTP_EMPTY_JSON_BODY: "MALFORMED_JSON",
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "VALIDATION_FAILED",
  FST_ERR_VALIDATION: "VALIDATION_FAILED",
};

type Details = { path: string; message: string }[];

export function sendError(reply: FastifyReply, lang: Lang, code: ErrorCode, params: Record<string, string | number> = {}, details?: Details) {
  const err = new AppError(code, params, details);
  return reply.status(err.status).send({ error: { code, message: messageFor(code, lang, params), ...(details ? { details } : {}) } });
}

function validationDetails(error: FastifyError, lang: Lang): Details {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const localize = zodLocales[lang];
  return error.validation.map((v) => {
    const issue = v.params.issue as Parameters<typeof localize>[0];
    const localized = localize(issue);
    const message = typeof localized === "string" ? localized : (localized?.message ?? v.message ?? "");
    const where = `${error.validationContext ?? ""}${v.instancePath.replaceAll("/", ".")}`;
    // A refine() message we wrote ourselves is already bilingual; zod's own messages are localized.
    return { path: where, message: issue.code === "custom" ? (v.message ?? message) : message };
  });
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const lang = pickLang(request.headers["accept-language"]);
    if (error instanceof AppError) return sendError(reply, lang, error.code, error.params, error.details);
    if (hasZodFastifySchemaValidationErrors(error)) return sendError(reply, lang, "VALIDATION_FAILED", {}, validationDetails(error, lang));
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, "response did not match its schema");
      return sendError(reply, lang, "INTERNAL");
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendError(reply, lang, mapped);
    if (error.statusCode === 429) return sendError(reply, lang, "RATE_LIMITED");
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.warn({ err: error }, "client error without a code of ours");
      return sendError(reply, lang, "VALIDATION_FAILED", {}, [{ path: "", message: error.message }]);
    }
    request.log.error({ err: error }, "unhandled error");
    return sendError(reply, lang, "INTERNAL");
  });
}
