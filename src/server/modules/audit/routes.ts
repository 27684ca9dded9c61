import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZAuditList, ZAuditListQuery, ZAuditVerify } from "../../../contracts/org.js";
import { ZErrorBody } from "../../../contracts/errors.js";
import { actorOf } from "../../http/session.js";
import type { RouteDeps } from "../../http/types.js";
import { authorize, regionPathOf } from "../../kernel/actor.js";
import { listAuditEntries, verifyAuditChain } from "./audit.js";
import { auditPolicy } from "./policy.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

export function auditRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/audit",
    { schema: { tags: ["audit"], summary: "审计日志 / audit log", querystring: ZAuditListQuery, response: { 200: ZAuditList, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      authorize(auditPolicy.canRead(actor));
      const rows = await listAuditEntries(db, { regionPath: regionPathOf(actor), ...request.query });
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          actorName: r.actorName,
          action: r.action,
          entityType: r.entityType,
          entityId: r.entityId,
          detail: r.detail as Record<string, unknown>,
          hash: r.hash,
        })),
      };
    },
  );

  app.get("/api/audit/verify", { schema: { tags: ["audit"], summary: "校验审计哈希链 / verify the hash chain", response: { 200: ZAuditVerify, ...errors } } }, async (request) => {
    authorize(auditPolicy.canRead(actorOf(request)));
    return verifyAuditChain(db);
  });
}
