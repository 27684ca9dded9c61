import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZCaseSettings, ZDeadlineDaysPatch, ZReporting, ZRoutingRuleInput } from "../../../../contracts/cases.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { actorOf } from "../../../http/session.js";
import { authorize } from "../../../kernel/actor.js";
import type { RouteDeps } from "../../../http/types.js";
import { isReportPoint } from "../points.js";
import { casePolicy } from "../policy.js";
import { caseSettings, setDeadlineDays, setRoutingRule } from "../settings.js";
import { ZUnitCodeParams } from "../../../../contracts/org.js";
import { AppError } from "../../../http/errors.js";
import { getUnit } from "../../org/units.js";
import { posterPdf } from "../poster.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 503: ZErrorBody };
const tags = ["cases"];

/** The office's settings of its region (deadlines, routing), and what the report form should offer the user. */
export function caseSettingsRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get("/api/cases/reporting", { schema: { tags, summary: "我能否反映、是否直报点 / may I report, am I a report point", response: { 200: ZReporting, ...errors } } }, async (request) => {
    const actor = actorOf(request);
    return { canReport: casePolicy.canReport(actor), point: await isReportPoint(db, actor.id) };
  });

  app.get(
    "/api/cases/posters/:code",
    { schema: { tags, summary: "打印问题反映二维码海报（PDF）/ printable QR poster of a unit (PDF)", params: ZUnitCodeParams } },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(actor.role === "office");
      const unit = await getUnit(db, request.params.code);
      // A unit outside the office's region is not found, whether it exists or not.
      if (!unit || !casePolicy.canPrintPoster(actor, unit)) throw new AppError("UNIT_NOT_FOUND", { code: request.params.code });
      const pdf = await posterPdf(unit, `${request.protocol}://${request.host}`);
      return reply
        .type("application/pdf")
        .header("content-disposition", `attachment; filename="poster-${unit.code}.pdf"`)
        .send(pdf);
    },
  );

  app.get("/api/cases/settings", { schema: { tags, summary: "本区域线索办理设置 / deadlines and routing of my region", response: { 200: ZCaseSettings, ...errors } } }, async (request) =>
    caseSettings(db, actorOf(request)),
  );

  app.put(
    "/api/cases/settings/deadlines",
    { schema: { tags, summary: "设置各环节办理时限（工作日）/ set working days per state", body: ZDeadlineDaysPatch, response: { 200: ZCaseSettings, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await setDeadlineDays(db, actor, request.body);
      return caseSettings(db, actor);
    },
  );

  app.put(
    "/api/cases/settings/routing",
    { schema: { tags, summary: "设置类别的办理机关 / route a category to the commission or the office", body: ZRoutingRuleInput, response: { 200: ZCaseSettings, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await setRoutingRule(db, actor, request.body);
      return caseSettings(db, actor);
    },
  );
}
