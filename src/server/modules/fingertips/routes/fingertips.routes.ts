import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { XLSX_MIME } from "../../../../contracts/duties.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import {
  ZCadreLoad, ZChannel, ZChannelDecision, ZChannelIdParams, ZChannelImportResult, ZChannelInput, ZChannelList, ZChannelListQuery, ZChannelMemberParams, ZChannelMembers,
  ZChannelMembersAdded, ZChannelMembersInput, ZChannelUndo, ZFingertipMergeProposals, ZLoad, ZLoadQuery,
} from "../../../../contracts/fingertips.js";
import { AppError } from "../../../http/errors.js";
import { ZTemplateQuery } from "../../../../contracts/excel.js";
import { sendXlsx, xlsxImportRoute } from "../../../http/xlsx.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { authorize } from "../../../kernel/actor.js";
import { importChannels, writeChannelWorkbook } from "../excel.js";
import { cadreLoad } from "../cadres.js";
import { fingertipLoad } from "../load.js";
import { addMembers, listMembers, removeMember } from "../members.js";
import { exportMembers, importMembers } from "../members-excel.js";
import { mergeProposals } from "../merge.js";
import { exportMergeProposals } from "../merge-excel.js";
import { fingertipPolicy } from "../policy.js";
import { listChannels, presentChannels } from "../queries.js";
import { decideChannel, loadChannel, registerChannel } from "../registry.js";
import { undoDecision } from "../undo.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };
const tags = ["fingertips"];
export const MAX_LEDGER_XLSX_BYTES = 5 * 1024 * 1024;

/** 指尖减负: the ledger of apps, accounts and work groups, the load per cadre, merge proposals, decisions, Excel. */
export function fingertipRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const lang = (h: string | undefined) => pickLang(h);

  app.post(
    "/api/fingertips",
    { schema: { tags, summary: "登记政务应用、公众号或工作群 / register an app, account or work group", body: ZChannelInput, response: { 201: ZChannel, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await registerChannel(db, actor, request.body);
      const [item] = await presentChannels(db, actor, [await loadChannel(db, actor, id)], lang(request.headers["accept-language"]));
      return reply.status(201).send(item!);
    },
  );

  app.get(
    "/api/fingertips",
    { schema: { tags, summary: "台账：本地区及触达本人的应用和群 / the ledger readable to the user", querystring: ZChannelListQuery, response: { 200: ZChannelList, ...errors } } },
    async (request) => listChannels(db, actorOf(request), request.query, lang(request.headers["accept-language"])),
  );

  app.get(
    "/api/fingertips/load",
    { schema: { tags, summary: "每名干部被要求关注的应用和群，负担工时 / per grassroots post: what it must follow, burden-hours", querystring: ZLoadQuery, response: { 200: ZLoad, ...errors } } },
    async (request) => fingertipLoad(db, actorOf(request), request.query.under, request.query.limit),
  );

  app.get(
    "/api/fingertips/cadres",
    { schema: { tags, summary: "每名干部（账号）要关注的应用和群，最重的在前 / per named cadre: the apps and groups he is a member of, the heaviest first", querystring: ZLoadQuery, response: { 200: ZCadreLoad, ...errors } } },
    async (request) => cadreLoad(db, actorOf(request), request.query.under, request.query.limit),
  );

  app.get(
    "/api/fingertips/:id/members",
    { schema: { tags, summary: "关注成员 / the named cadres who must follow it", params: ZChannelIdParams, response: { 200: ZChannelMembers, ...errors } } },
    async (request) => ({ items: await listMembers(db, actorOf(request), request.params.id) }),
  );

  app.post(
    "/api/fingertips/:id/members",
    { schema: { tags, summary: "登记关注成员（按账号，全部有效才登记）/ record members by username, all or none", params: ZChannelIdParams, body: ZChannelMembersInput, response: { 201: ZChannelMembersAdded, ...errors } } },
    async (request, reply) => reply.status(201).send({ added: await addMembers(db, actorOf(request), request.params.id, request.body.usernames) }),
  );

  app.delete(
    "/api/fingertips/:id/members/:userId",
    { schema: { tags, summary: "移除关注成员 / remove a member", params: ZChannelMemberParams, response: { 200: ZChannelMembers, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await removeMember(db, actor, request.params.id, request.params.userId);
      return { items: await listMembers(db, actor, request.params.id) };
    },
  );

  app.post(
    "/api/fingertips/:id/undo",
    { schema: { tags, summary: "撤销关停或整合（减负办，须写明理由，留痕）/ undo a closing or merging (office; reason; audited)", params: ZChannelIdParams, body: ZChannelUndo, response: { 200: ZChannel, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await undoDecision(db, actor, request.params.id, request.body.reason);
      const [item] = await presentChannels(db, actor, [await loadChannel(db, actor, request.params.id)], lang(request.headers["accept-language"]));
      return item!;
    },
  );

  app.get(
    "/api/fingertips/merge-proposals",
    { schema: { tags, summary: "整合建议 / apps and groups proposed for merging", response: { 200: ZFingertipMergeProposals, ...errors } } },
    async (request) => ({ items: await mergeProposals(db, actorOf(request), lang(request.headers["accept-language"])) }),
  );

  app.get(
    "/api/fingertips/merge-proposals/export.xlsx",
    { schema: { tags, summary: "导出整合建议 Excel / the merge proposals as .xlsx", response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => sendXlsx(reply, await exportMergeProposals(db, actorOf(request)), "fingertip-merge-proposals.xlsx", "指尖减负整合建议.xlsx"),
  );

  app.post(
    "/api/fingertips/:id/decision",
    { schema: { tags, summary: "关停或整合（减负办，留痕）/ close or merge (office; audited)", params: ZChannelIdParams, body: ZChannelDecision, response: { 200: ZChannel, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await decideChannel(db, actor, request.params.id, request.body);
      const [item] = await presentChannels(db, actor, [await loadChannel(db, actor, request.params.id)], lang(request.headers["accept-language"]));
      return item!;
    },
  );

  app.get(
    "/api/fingertips/export.xlsx",
    { schema: { tags, summary: "导出台账 Excel / the ledger as .xlsx", querystring: ZTemplateQuery, response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(fingertipPolicy.canOversee(actor) || actor.role === "department_staff" || actor.role === "township_official");
      const { items } = request.query.template === "true" ? { items: [] } : await listChannels(db, actor, { limit: 1000 }, "zh-CN");
      const file = await writeChannelWorkbook(`${actor.scope.name}政务应用、公众号、工作群台账`, items);
      return sendXlsx(reply, file, `fingertips.xlsx`, "指尖减负台账.xlsx");
    },
  );

  app.get(
    "/api/fingertips/members/export.xlsx",
    { schema: { tags, summary: "导出关注成员 Excel（在用的应用和群）/ the named members of the active channels as .xlsx", querystring: ZTemplateQuery, response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => sendXlsx(reply, await exportMembers(db, actorOf(request), request.query), "fingertip-members.xlsx", "指尖减负关注成员.xlsx"),
  );

  xlsxImportRoute(fastify, {
    url: "/api/fingertips/members/import.xlsx",
    tags,
    summary: "从 Excel 导入关注成员（列同导出；已是成员的行不变，一行有误则全部不导入）/ import named members of channels, each row as one added on the page",
    run: (actor, file, lang) => importMembers(db, actor, file, lang),
  });

  void fastify.register(async (scoped) => {
    scoped.addContentTypeParser(XLSX_MIME, { parseAs: "buffer", bodyLimit: MAX_LEDGER_XLSX_BYTES }, (_request, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post(
      "/api/fingertips/import",
      {
        bodyLimit: MAX_LEDGER_XLSX_BYTES,
        schema: { tags, summary: "从 Excel 导入台账（请求体为 .xlsx，最大 5 MB；有错则不导入）/ import the ledger from an .xlsx body", response: { 201: ZChannelImportResult, ...errors } },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) throw new AppError("EXCEL_NOT_XLSX");
        return reply.status(201).send(await importChannels(db, actorOf(request), request.body, pickLang(request.headers["accept-language"])));
      },
    );
  });
}
