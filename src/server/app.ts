import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { AppConfig } from "./config.js";
import type { Db, DbKind } from "./db/client.js";
import { registerErrorHandling, sendError } from "./http/error-handler.js";
import { pickLang } from "./http/i18n.js";
import { registerSessionGuard } from "./http/session.js";
import type { RouteDeps } from "./http/types.js";
import { auditRoutes } from "./modules/audit/routes.js";
import { indexRoutes } from "./modules/burden-index/routes/index.routes.js";
import { burdenRoutes } from "./modules/burdens/routes/burdens.routes.js";
import { gateRoutes } from "./modules/burdens/routes/gate.routes.js";
import { inboxRoutes } from "./modules/burdens/routes/inbox.routes.js";
import { inspectionRoutes } from "./modules/burdens/routes/inspections.routes.js";
import { calendarRoutes } from "./modules/calendar/routes.js";
import { casesModule } from "./modules/cases/routes/index.js";
import { documentRoutes } from "./modules/documents/routes/documents.routes.js";
import { dutyRoutes } from "./modules/duties/routes.js";
import { proofRoutes } from "./modules/proofs/routes/proofs.routes.js";
import { meetingRoutes } from "./modules/meetings/routes/meetings.routes.js";
import { inspectionPlanRoutes } from "./modules/inspection-plans/routes/inspection-plans.routes.js";
import { rankingRoutes } from "./modules/rankings/routes/rankings.routes.js";
import { monitoringRoutes } from "./modules/monitoring/routes/monitoring.routes.js";
import { reportRoutes } from "./modules/reports/routes/reports.routes.js";
import { satisfactionRoutes } from "./modules/satisfaction/routes/satisfaction.routes.js";
import { secondmentRoutes } from "./modules/secondments/routes/secondments.routes.js";
import { fingertipRoutes } from "./modules/fingertips/routes/fingertips.routes.js";
import { plaqueRoutes } from "./modules/evaluations/routes/plaques.routes.js";
import { evaluationRoutes } from "./modules/evaluations/routes/evaluations.routes.js";
import { facilityRoutes } from "./modules/facilities/routes/facilities.routes.js";
import { projectRoutes } from "./modules/facilities/routes/projects.routes.js";
import { powerRoutes } from "./modules/powers/routes/powers.routes.js";
import { formRoutes } from "./modules/forms/routes.js";
import { authRoutes } from "./modules/org/routes/auth.routes.js";
import { publicRoutes } from "./modules/org/routes/public.routes.js";
import { unitRoutes } from "./modules/org/routes/units.routes.js";
import { userRoutes } from "./modules/org/routes/users.routes.js";

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/web");

export type BuildAppOptions = { db: Db; dbKind: DbKind; config: AppConfig; logger?: boolean };

/** Builds the whole HTTP application; main.ts starts it, tests inject into it. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    requestIdHeader: "x-request-id",
    bodyLimit: 1024 * 1024,
    trustProxy: config.env === "production",
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  registerErrorHandling(app);
  // The API speaks JSON only; Fastify's default text/plain parser would let plain text reach validation.
  app.removeContentTypeParser("text/plain");
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: "减负通 Jianfu API", version: "0.1.0", description: "整治形式主义为基层减负 — grassroots burden reduction platform" },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  const deps: RouteDeps = { db: options.db, dbKind: options.dbKind, config };
  registerSessionGuard(app, { db: deps.db, secret: config.secret });
  const modules = [publicRoutes, authRoutes, unitRoutes, userRoutes, auditRoutes, calendarRoutes, dutyRoutes, burdenRoutes, inboxRoutes, gateRoutes, inspectionRoutes, documentRoutes, proofRoutes, secondmentRoutes, fingertipRoutes, plaqueRoutes, evaluationRoutes, casesModule, formRoutes, indexRoutes, meetingRoutes, inspectionPlanRoutes, rankingRoutes, facilityRoutes, projectRoutes, powerRoutes, monitoringRoutes, satisfactionRoutes, reportRoutes];
  for (const routes of modules) routes(app, deps);

  const webBuilt = existsSync(path.join(webRoot, "index.html"));
  if (webBuilt) {
    await app.register(fastifyStatic, {
      root: webRoot,
      index: false,
      preCompressed: true,
      // Hashed bundles never change under their name; the page itself must always be revalidated.
      setHeaders: (res, filePath) =>
        res.header("cache-control", filePath.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache"),
    });
  }
  const sendIndex = (reply: FastifyReply) => reply.type("text/html").header("cache-control", "no-cache").sendFile("index.html");
  if (webBuilt) app.get("/", { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  app.setNotFoundHandler((request, reply) => {
    const isAsset = request.url.startsWith("/assets/");
    if (request.url.startsWith("/api/") || isAsset || !webBuilt || request.method !== "GET") {
      return sendError(reply, pickLang(request.headers["accept-language"]), "NOT_FOUND");
    }
    // The web app routes on the client: every other GET gets its page.
    return sendIndex(reply);
  });
  return app;
}
