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

const TYPE_NAMES_ZH: Record<string, string> = { string: "文本", number: "数字", boolean: "布尔值", object: "对象", array: "数组" };
/** zod's own wording would name the received value, which the provider drops; we say what was expected. */
const wrongType = (lang: Lang, expected: string) =>
  lang === "en" ? `wrong type or missing: expected ${expected}` : `缺失或类型错误：应为${TYPE_NAMES_ZH[expected] ?? expected}`;

function validationDetails(error: FastifyError, lang: Lang): Details {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const localize = zodLocales[lang];
  const pathOf = (instancePath: string) => [error.validationContext, ...instancePath.split("/").filter(Boolean)].filter(Boolean).join(".");
  return error.validation.map((v) => {
    const path = pathOf(v.instancePath);
    const ours = v.message ? ourMessage(v.message, lang) : null;
    if (ours) return { path, message: ours };
    if (v.keyword === "invalid_type") return { path, message: wrongType(lang, String(v.params.expected)) };
    // The provider keeps the zod issue's code as `keyword` and its other fields in `params`.
    const issue = { ...v.params, code: v.keyword, path: v.instancePath.split("/").filter(Boolean) } as unknown as Parameters<typeof localize>[0];
    const localized = v.keyword === "custom" ? undefined : localize(issue);
    const message = typeof localized === "string" ? localized : (localized?.message ?? v.message ?? "");
    return { path, message };
  });
}

/** Messages written in our schemas read "English / 中文"; the caller gets his half. */
function ourMessage(message: string, lang: Lang): string | null {
  const match = /^(.+?) \/ (.*[\u4e00-\u9fff].*)$/.exec(message);
  if (!match) return null;
  const en = match[1] ?? "";
  const zh = match[2] ?? "";
  return lang === "en" ? en : zh;
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    try {
      return handle(error, request, reply);
    } catch (failure) {
      request.log.error({ err: failure, original: error }, "error handler failed");
      return sendError(reply, "zh-CN", "INTERNAL");
    }
  });
}

function handle(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
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
  if (error.statusCode === 404) return sendError(reply, lang, "NOT_FOUND");
  if (error.statusCode === 403) return sendError(reply, lang, "FORBIDDEN");
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    request.log.warn({ err: error }, "client error without a code of ours");
    return sendError(reply, lang, "VALIDATION_FAILED", {}, [{ path: "", message: error.message }]);
  }
  request.log.error({ err: error }, "unhandled error");
  return sendError(reply, lang, "INTERNAL");
}
