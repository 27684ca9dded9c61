import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { XLSX_MIME } from "../../../../contracts/duties.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { ZTemplateQuery } from "../../../../contracts/excel.js";
import {
  ZMeetingCap,
  ZMeetingCapInput,
  ZMeetingChain,
  ZMeetingHours,
  ZMeetingHoursQuery,
  ZMeetingIdParams,
  ZMeetingImportResult,
  ZMeetingList,
  ZMeetingSystems,
  ZMeetingYearQuery,
  ZRegionParams,
} from "../../../../contracts/meetings.js";
import { AppError } from "../../../http/errors.js";
import { sendXlsx } from "../../../http/xlsx.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { authorize, pathIsInside, regionPathOf } from "../../../kernel/actor.js";
import { getUnit } from "../../org/units.js";
import { meetingChain } from "../chain.js";
import { exportMeetings, importMeetings } from "../excel.js";
import { meetingHours } from "../hours.js";
import { meetingPolicy } from "../policy.js";
import { listMeetings, meetingSystems } from "../register.js";
import { loadMeetingCap, saveMeetingCap } from "../systems.js";

const MAX_XLSX_BYTES = 5 * 1024 * 1024;
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };
const tags = ["meetings"];

export function meetingRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  void fastify.register(async (scoped) => {
    // The raw .xlsx body parser lives in this plugin only.
    scoped.addContentTypeParser(XLSX_MIME, { parseAs: "buffer", bodyLimit: MAX_XLSX_BYTES }, (_request, body, done) => done(null, body));
    const app = scoped.withTypeProvider<ZodTypeProvider>();
    const lang = (h: string | undefined) => pickLang(h);

    app.get(
      "/api/meetings",
      { schema: { tags, summary: "会议台账：本区域一年的会议 / the meetings register of one's region and year", querystring: ZMeetingYearQuery, response: { 200: ZMeetingList, ...errors } } },
      async (request) => listMeetings(db, actorOf(request), request.query.year, lang(request.headers["accept-language"])),
    );

    app.get(
      "/api/meetings/systems",
      { schema: { tags, summary: "各系统年度会议数与上限 / meetings per system and year against the cap", querystring: ZMeetingYearQuery, response: { 200: ZMeetingSystems, ...errors } } },
      async (request) => meetingSystems(db, actorOf(request), request.query.year),
    );

    app.get(
      "/api/meetings/hours",
      { schema: { tags, summary: "基层参会时间（按单位、月份）/ grassroots hours in meetings per unit and month", querystring: ZMeetingHoursQuery, response: { 200: ZMeetingHours, ...errors } } },
      async (request) => meetingHours(db, actorOf(request), request.query.unit, request.query.year),
    );

    app.get(
      "/api/meetings/:id/chain",
      { schema: { tags, summary: "会议传达链：逐级传达本次会议的会议 / the meetings that relay this one, level by level", params: ZMeetingIdParams, response: { 200: ZMeetingChain, ...errors } } },
      async (request) => meetingChain(db, actorOf(request), request.params.id),
    );

    app.get(
      "/api/meetings/caps/:regionCode",
      { schema: { tags, summary: "每个系统年度会议上限 / the cap of meetings per system and year", params: ZRegionParams, response: { 200: ZMeetingCap, ...errors } } },
      async (request) => {
        const actor = actorOf(request);
        const region = await getUnit(db, request.params.regionCode);
        const regionPath = regionPathOf(actor);
        if (!region || region.level === "department" || !(pathIsInside(region.path, regionPath) || pathIsInside(regionPath, region.path))) throw new AppError("UNIT_NOT_FOUND", { code: request.params.regionCode });
        return { regionCode: region.code, ...(await loadMeetingCap(db, region.path)) };
      },
    );

    app.put(
      "/api/meetings/caps/:regionCode",
      { schema: { tags, summary: "设置每个系统年度会议上限 / set the cap of meetings per system and year", params: ZRegionParams, body: ZMeetingCapInput, response: { 200: ZMeetingCap, ...errors } } },
      async (request) => {
        const actor = actorOf(request);
        const region = await getUnit(db, request.params.regionCode);
        if (!region || region.level === "department" || region.level === "village") throw new AppError("UNIT_NOT_FOUND", { code: request.params.regionCode });
        authorize(meetingPolicy.canSetCap(actor, region.path), "OUT_OF_SCOPE", { code: region.code });
        await saveMeetingCap(db, { actor, region, perSystemPerYear: request.body.perSystemPerYear });
        return { regionCode: region.code, ...(await loadMeetingCap(db, region.path)) };
      },
    );

    app.get(
      "/api/meetings/export.xlsx",
      { schema: { tags, summary: "导出会议台账（template=true 为导入模板）/ the meetings register as .xlsx, or with template=true the import's empty sheet", querystring: ZMeetingYearQuery.extend(ZTemplateQuery.shape), response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
      async (request, reply) => {
        const file = await exportMeetings(db, actorOf(request), request.query.year, request.query.template === "true");
        const name = `会议台账-${request.query.year}.xlsx`;
        return sendXlsx(reply, file, `meetings-${request.query.year}.xlsx`, name);
      },
    );

    app.post(
      "/api/meetings/import",
      {
        bodyLimit: MAX_XLSX_BYTES,
        schema: { tags, summary: "从 Excel 导入会议（逐行经准入审查；请求体为 .xlsx）/ import meetings from an .xlsx body, each through the gate", response: { 201: ZMeetingImportResult, ...errors } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        authorize(meetingPolicy.canImport(actor));
        if (!Buffer.isBuffer(request.body)) throw new AppError("EXCEL_NOT_XLSX");
        return reply.status(201).send(await importMeetings(db, { actor, file: request.body, lang: lang(request.headers["accept-language"]) }));
      },
    );
  });
}
