import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZUnitChildren, ZUnitChildrenQuery, ZUnitCodeParams, ZUnitDetail, ZUnitSearchQuery, ZUnitSearchResult } from "../../../../contracts/org.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { AppError } from "../../../http/errors.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { authorize, unitPolicy, type Actor } from "../policy.js";
import { unitDto } from "../present.js";
import { ancestorsOf, childrenOf, getUnit, getUnits, getUnitsWithChildren, pathCodes, searchUnits, type Unit } from "../units.js";
import type { Queryable } from "../../../db/client.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

/** Loads a unit the actor may read; one the actor may not read is "not found" for him, as if absent. */
async function loadReadableUnit(db: Queryable, actor: Actor, code: string): Promise<Unit> {
  const unit = await getUnit(db, code);
  if (!unit || !unitPolicy.canRead(actor, unit)) throw new AppError("UNIT_NOT_FOUND", { code });
  return unit;
}

export function unitRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/units/:code",
    { schema: { tags: ["units"], summary: "单位详情 / a unit", params: ZUnitCodeParams, response: { 200: ZUnitDetail, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      const unit = await loadReadableUnit(db, actor, request.params.code);
      const [ancestors, children] = await Promise.all([ancestorsOf(db, unit), childrenOf(db, unit.code, { limit: 1, offset: 0 })]);
      const childCount = unitPolicy.onlyVisibleChild(actor, unit) ? 1 : children.total;
      return { ...unitDto(unit), ancestors: ancestors.map(unitDto), childCount };
    },
  );

  app.get(
    "/api/units/:code/children",
    {
      schema: {
        tags: ["units"],
        summary: "下级单位 / children of a unit",
        params: ZUnitCodeParams,
        querystring: ZUnitChildrenQuery,
        response: { 200: ZUnitChildren, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const unit = await loadReadableUnit(db, actor, request.params.code);
      const onlyChild = unitPolicy.onlyVisibleChild(actor, unit);
      if (onlyChild) {
        // Above the actor's region only the chain leading to it is visible, not its siblings.
        const child = (await getUnitsWithChildren(db, [onlyChild]))[0];
        const items = child && request.query.offset === 0 ? [child] : [];
        return { items: items.map((c) => ({ ...unitDto(c), hasChildren: c.hasChildren })), total: child ? 1 : 0 };
      }
      const page = await childrenOf(db, unit.code, request.query);
      return { items: page.items.map((c) => ({ ...unitDto(c), hasChildren: c.hasChildren })), total: page.total };
    },
  );

  app.get(
    "/api/units",
    { schema: { tags: ["units"], summary: "按名称或代码查找单位 / search units", querystring: ZUnitSearchQuery, response: { 200: ZUnitSearchResult, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      const { q, level, within, limit } = request.query;
      let withinPath = unitPolicy.searchRootPath(actor);
      if (within) {
        const root = await loadReadableUnit(db, actor, within);
        authorize(root.path.startsWith(withinPath), "OUT_OF_SCOPE", { code: within });
        withinPath = root.path;
      }
      const found = await searchUnits(db, { q, level, withinPath, limit });
      const names = new Map((await getUnits(db, [...new Set(found.flatMap((u) => pathCodes(u.path)))])).map((u) => [u.code, u.name]));
      return {
        items: found.map((u) => ({
          ...unitDto(u),
          pathNames: pathCodes(u.path)
            .slice(1)
            .map((c) => names.get(c) ?? c),
        })),
      };
    },
  );
}
