import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { ZTemplateQuery } from "../../../../contracts/excel.js";
import {
  ZPlaque, ZPlaqueAllowedInput, ZPlaqueAllowedList, ZPlaqueAllowedQuery, ZPlaqueCounts, ZPlaqueCountsQuery, ZPlaqueList, ZPlaqueListQuery, ZPlaqueParams, ZPlaqueRemoved, ZPlaqueSurveyInput,
} from "../../../../contracts/evaluations.js";
import { AppError } from "../../../http/errors.js";
import { sendXlsx, xlsxImportRoute } from "../../../http/xlsx.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import type { Db } from "../../../db/client.js";
import type { Actor } from "../../../kernel/actor.js";
import type { Lang } from "../../../http/i18n.js";
import { chinaToday } from "../../../kernel/dates.js";
import { MAX_PHOTO_BYTES } from "../photo.js";
import { listAllowedPlaques, listPlaques, plaqueCounts, presentPlaques } from "../plaque-queries.js";
import { exportAllowedPlaques, importAllowedPlaques } from "../plaques-allowed-excel.js";
import { importPlaqueSurvey, writePlaqueWorkbook } from "../plaques-excel.js";
import { addAllowedPlaques, attachPhoto, loadPlaque, markRemoved, removeAllowedPlaque, surveyPlaque } from "../plaques.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };
const tags = ["plaques"];

async function onePlaque(db: Db, actor: Actor, id: string, lang: Lang) {
  return (await presentPlaques(db, actor, [await loadPlaque(db, actor, id)], lang))[0]!;
}

/** 挂牌清理: the allowed list, the survey of what is hung (with a phone photo), counts and Excel. */
export function plaqueRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const lang = (h: string | undefined) => pickLang(h);

  app.get(
    "/api/plaques/allowed",
    { schema: { tags, summary: "准挂牌子清单（本地区及上级）/ the allowed plaques of a village's region", querystring: ZPlaqueAllowedQuery, response: { 200: ZPlaqueAllowedList, ...errors } } },
    async (request) => ({ items: await listAllowedPlaques(db, actorOf(request), request.query.village) }),
  );

  app.get(
    "/api/plaques/allowed/export.xlsx",
    { schema: { tags, summary: "导出准挂牌子清单 / the allowed plaques as .xlsx", querystring: ZPlaqueAllowedQuery.extend(ZTemplateQuery.shape), response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const file = await exportAllowedPlaques(db, actorOf(request), request.query);
      return sendXlsx(reply, file, "allowed-plaques.xlsx", "村级组织准挂牌子清单.xlsx");
    },
  );

  xlsxImportRoute(fastify, {
    url: "/api/plaques/allowed/import.xlsx",
    tags,
    summary: "从 Excel 导入准挂牌子清单（减负办；列同导出；已在清单中的行不变，一行有误则全部不导入）/ import the allowed plaques (office)",
    run: (actor, file, lang) => importAllowedPlaques(db, actor, file, lang),
  });

  app.post(
    "/api/plaques/allowed",
    { schema: { tags, summary: "增加准挂牌子（减负办）/ add allowed plaques (office)", body: ZPlaqueAllowedInput, response: { 201: z.object({ added: z.number().int() }), ...errors } } },
    async (request, reply) => reply.status(201).send({ added: await addAllowedPlaques(db, actorOf(request), request.body.regionCode, request.body.items) }),
  );

  app.delete(
    "/api/plaques/allowed/:id",
    { schema: { tags, summary: "移出准挂牌子清单（减负办）/ remove an allowed plaque (office)", params: ZPlaqueParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await removeAllowedPlaque(db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/plaques",
    { schema: { tags, summary: "登记摸排到的牌子 / record a plaque found on a village office", body: ZPlaqueSurveyInput, response: { 201: ZPlaque, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await surveyPlaque(db, actor, request.body);
      return reply.status(201).send(await onePlaque(db, actor, id, lang(request.headers["accept-language"])));
    },
  );

  app.get(
    "/api/plaques",
    { schema: { tags, summary: "挂牌摸排结果，乱挂牌标红 / surveyed plaques, those not allowed flagged", querystring: ZPlaqueListQuery, response: { 200: ZPlaqueList, ...errors } } },
    async (request) => listPlaques(db, actorOf(request), request.query, lang(request.headers["accept-language"])),
  );

  app.get(
    "/api/plaques/counts",
    { schema: { tags, summary: "按乡镇/村统计 / counts per township or village", querystring: ZPlaqueCountsQuery, response: { 200: ZPlaqueCounts, ...errors } } },
    async (request) => plaqueCounts(db, actorOf(request), request.query.under),
  );

  app.get(
    "/api/plaques/export.xlsx",
    { schema: { tags, summary: "导出挂牌摸排 Excel / the survey and counts as .xlsx", querystring: ZPlaqueCountsQuery.extend(ZTemplateQuery.shape), response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const counts = await plaqueCounts(db, actor, request.query.under);
      const template = request.query.template === "true";
      const { items } = template ? { items: [] } : await listPlaques(db, actor, { under: request.query.under, limit: 2000 }, "zh-CN");
      const file = await writePlaqueWorkbook(`${counts.under.name}村级组织挂牌摸排清理表`, items, template ? null : counts);
      return sendXlsx(reply, file, `plaques.xlsx`, "挂牌清理.xlsx");
    },
  );

  app.post(
    "/api/plaques/:id/removed",
    { schema: { tags, summary: "登记已摘牌 / record that the plaque was taken down", params: ZPlaqueParams, body: ZPlaqueRemoved, response: { 200: ZPlaque, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await markRemoved(db, actor, request.params.id, request.body.removedOn ?? chinaToday());
      return onePlaque(db, actor, request.params.id, lang(request.headers["accept-language"]));
    },
  );

  app.get(
    "/api/plaques/:id/photo",
    { schema: { tags, summary: "牌子照片（已去除 EXIF/GPS）/ the plaque's photo, metadata stripped", params: ZPlaqueParams, response: { 200: z.unknown().describe("the picture"), ...errors } } },
    async (request, reply) => {
      const row = await loadPlaque(db, actorOf(request), request.params.id);
      if (!row.photo || !row.photoType) throw new AppError("PHOTO_NOT_FOUND");
      return reply.type(row.photoType).header("x-content-type-options", "nosniff").header("cache-control", "private, max-age=3600").send(row.photo);
    },
  );

  // The raw-body parser lives in this plugin only; the type is decided by the content, never by the header.
  void fastify.register(async (scoped) => {
    scoped.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: MAX_PHOTO_BYTES * 2 }, (_request, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post(
      "/api/plaques/:id/photo",
      {
        bodyLimit: MAX_PHOTO_BYTES * 2,
        schema: { tags, summary: "上传牌子照片（请求体为 JPG/PNG，最大 5 MB）/ upload the plaque's photo", params: ZPlaqueParams, response: { 200: ZPlaque, ...errors } },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new AppError("PHOTO_TYPE");
        const actor = actorOf(request);
        await attachPhoto(db, actor, request.params.id, request.body);
        return onePlaque(db, actor, request.params.id, pickLang(request.headers["accept-language"]));
      },
    );
  });

  xlsxImportRoute(fastify, {
    url: "/api/plaques/import.xlsx",
    tags,
    summary: "从 Excel 导入挂牌摸排（列同导出；逐行比对准挂清单，一行有误则全部不导入）/ import the plaque survey from an .xlsx body, each row as a single record",
    run: (actor, file, lang) => importPlaqueSurvey(db, actor, file, lang),
  });
}
