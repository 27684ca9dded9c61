import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { XLSX_MIME } from "../../../../contracts/duties.js";
import { ZImportResult, ZRegionQuery } from "../../../../contracts/facilities.js";
import { ZOpenedCase, ZProject, ZProjectFlagParams, ZProjectIdParams, ZProjectInput, ZProjectList, ZProjectListQuery, ZProjectRules, ZProjectRulesInput, ZProjectUseInput } from "../../../../contracts/projects.js";
import { AppError } from "../../../http/errors.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import { sendXlsx } from "../../../http/xlsx.js";
import type { RouteDeps } from "../../../http/types.js";
import { regionPathOf } from "../../../kernel/actor.js";
import { reporterKeysOf } from "../../cases/crypto.js";
import { getUnit } from "../../org/units.js";
import { openProjectCase } from "../open-case.js";
import { exportProjects, importProjects } from "../projects-excel.js";
import { getProject, listProjects, recordProjectUse, registerProject, updateProject } from "../projects.js";
import { projectRulesOf, readableRegion, setProjectRules } from "../rules.js";
import { errors, MAX_XLSX_BYTES } from "./facilities.routes.js";

const tags = ["projects"];

/** Projects 项目: register, actual use, flags (debt without study, under-use, vanity signs), a flag into a case, Excel. */
export function projectRoutes(fastify: FastifyInstance, { db, config }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const lang = (h: string | undefined) => pickLang(h);
  const keys = reporterKeysOf(config);

  app.get(
    "/api/projects",
    { schema: { tags, summary: "项目台账与问题标记 / projects of one's region with their flags", querystring: ZProjectListQuery, response: { 200: ZProjectList, ...errors } } },
    async (request) => listProjects(db, actorOf(request), request.query, lang(request.headers["accept-language"])),
  );

  app.post(
    "/api/projects",
    { schema: { tags, summary: "登记项目 / register a project", body: ZProjectInput, response: { 201: ZProject, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await registerProject(db, actor, request.body);
      return reply.status(201).send(await getProject(db, actor, id, lang(request.headers["accept-language"])));
    },
  );

  app.get(
    "/api/projects/export.xlsx",
    { schema: { tags, summary: "导出项目台账 Excel / the register as .xlsx", querystring: ZProjectListQuery, response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const list = await listProjects(db, actor, request.query, "zh-CN");
      const unit = await getUnit(db, request.query.unit ?? regionPathOf(actor).split(".").at(-1)!);
      const title = `${unit?.name ?? ""}项目台账`;
      return sendXlsx(reply, await exportProjects(list.items, title), `projects.xlsx`, `${title}.xlsx`);
    },
  );

  app.get(
    "/api/projects/rules",
    { schema: { tags, summary: "项目问题标记阈值 / the project thresholds in force for a region", querystring: ZRegionQuery, response: { 200: ZProjectRules, ...errors } } },
    async (request) => projectRulesOf(db, await readableRegion(db, actorOf(request), request.query.region)),
  );

  app.put(
    "/api/projects/rules",
    { schema: { tags, summary: "设置项目问题标记阈值 / set a region's project thresholds", body: ZProjectRulesInput, response: { 200: ZProjectRules, ...errors } } },
    async (request) => {
      await setProjectRules(db, actorOf(request), request.body);
      return projectRulesOf(db, (await getUnit(db, request.body.regionCode))!);
    },
  );

  app.get(
    "/api/projects/:id",
    { schema: { tags, summary: "项目详情 / a project", params: ZProjectIdParams, response: { 200: ZProject, ...errors } } },
    async (request) => getProject(db, actorOf(request), request.params.id, lang(request.headers["accept-language"])),
  );

  app.put(
    "/api/projects/:id",
    { schema: { tags, summary: "修改项目 / change a project", params: ZProjectIdParams, body: ZProjectInput, response: { 200: ZProject, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await updateProject(db, actor, request.params.id, request.body);
      return getProject(db, actor, request.params.id, lang(request.headers["accept-language"]));
    },
  );

  app.post(
    "/api/projects/:id/uses",
    { schema: { tags, summary: "登记竣工后某年实际使用量 / record a year's actual use after completion", params: ZProjectIdParams, body: ZProjectUseInput, response: { 200: ZProject, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await recordProjectUse(db, actor, request.params.id, request.body);
      return getProject(db, actor, request.params.id, lang(request.headers["accept-language"]));
    },
  );

  app.post(
    "/api/projects/:id/flags/:code/case",
    { schema: { tags, summary: "将问题标记转为问题线索 / open a case from a project's flag", params: ZProjectFlagParams, response: { 201: ZOpenedCase, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const caseId = await openProjectCase(db, keys, actor, request.params.id, request.params.code);
      return reply.status(201).send({ caseId, project: await getProject(db, actor, request.params.id, lang(request.headers["accept-language"])) });
    },
  );

  void app.register(async (scoped) => {
    scoped.addContentTypeParser(XLSX_MIME, { parseAs: "buffer", bodyLimit: MAX_XLSX_BYTES }, (_request, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post(
      "/api/projects/import",
      { bodyLimit: MAX_XLSX_BYTES, schema: { tags, summary: "从 Excel 导入项目台账（全部通过才写入）/ import projects from an .xlsx body, all or nothing", response: { 201: ZImportResult, ...errors } } },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) throw new AppError("EXCEL_NOT_XLSX");
        return reply.status(201).send({ created: await importProjects(db, actorOf(request), request.body, lang(request.headers["accept-language"])) });
      },
    );
  });
}
