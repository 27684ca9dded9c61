import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZHealth, ZUnitCodeParams } from "../../../../contracts/org.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { ZUnitLevel } from "../../../../contracts/roles.js";
import { AppError } from "../../../http/errors.js";
import type { RouteDeps } from "../../../http/types.js";
import { getUnit } from "../units.js";

/** Limits for the part of the API that anyone can call without logging in. */
export const PUBLIC_RATE_LIMIT = { max: 60, timeWindow: "1 minute" } as const;

const ZPublicUnit = z.object({ code: z.string(), name: z.string(), level: ZUnitLevel });

export function publicRoutes(fastify: FastifyInstance, { db, dbKind }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get("/api/health", { config: { public: true }, schema: { tags: ["public"], summary: "健康检查 / health", response: { 200: ZHealth } } }, async () => ({
    ok: true as const,
    db: dbKind,
  }));

  // Public pages (QR reporting, admission-number checks) name the unit they are about; the name of an
  // administrative division is public information, nothing else about it is given here.
  app.get(
    "/api/public/units/:code",
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
      schema: { tags: ["public"], summary: "公开：单位名称 / public: a unit's name", params: ZUnitCodeParams, response: { 200: ZPublicUnit, 400: ZErrorBody, 404: ZErrorBody, 429: ZErrorBody } },
    },
    async (request) => {
      const unit = await getUnit(db, request.params.code);
      if (!unit || unit.level === "department") throw new AppError("UNIT_NOT_FOUND", { code: request.params.code });
      return { code: unit.code, name: unit.name, level: unit.level };
    },
  );
}
