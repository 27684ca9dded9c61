import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZGateSettingsPatch, ZGateSettingsView, ZRegionCodeParams, ZRegisterEntries, ZRuleList } from "../../../../contracts/burdens.js";
import { ZOk } from "../../../../contracts/org.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { AppError } from "../../../http/errors.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { authorize, pathIsInside, type Actor } from "../../../kernel/actor.js";
import { getUnit } from "../../org/units.js";
import { actorRegionPath } from "../policy.js";
import { ALL_RULES } from "../gate/rules/index.js";
import { proofStatus } from "../gate/rules/registers.js";
import { addRegisterEntries, loadGateSettings, saveGateSettings } from "../gate/settings.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const tags = ["gate"];

/** The 减负办 configures the gate of its own region and the regions below it. */
const canConfigure = (actor: Actor, regionPath: string) => actor.role === "office" && pathIsInside(regionPath, actor.scope.path);

/** A region the actor may read (his own subtree or the chain above it); any other is "not found". */
async function loadRegion(db: RouteDeps["db"], actor: Actor, code: string) {
  const region = await getUnit(db, code);
  const readable = region && (pathIsInside(region.path, actorRegionPath(actor)) || pathIsInside(actorRegionPath(actor), region.path));
  if (!region || !readable || region.level === "department" || region.level === "village") throw new AppError("UNIT_NOT_FOUND", { code });
  return region;
}

export function gateRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get("/api/gate/rules", { schema: { tags, summary: "准入规则 / the gate's rules", response: { 200: ZRuleList, ...errors } } }, async (request) => {
    const lang = pickLang(request.headers["accept-language"]);
    return { items: ALL_RULES.map((r) => ({ code: r.code, description: r.description[lang] })) };
  });

  app.get(
    "/api/gate/settings/:regionCode",
    { schema: { tags, summary: "区域准入阈值（生效值）/ effective thresholds of a region", params: ZRegionCodeParams, response: { 200: ZGateSettingsView, ...errors } } },
    async (request) => {
      const region = await loadRegion(db, actorOf(request), request.params.regionCode);
      return { regionCode: region.code, effective: await loadGateSettings(db, region.path) };
    },
  );

  app.put(
    "/api/gate/settings/:regionCode",
    { schema: { tags, summary: "设置区域准入阈值 / set a region's thresholds", params: ZRegionCodeParams, body: ZGateSettingsPatch, response: { 200: ZOk, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      const region = await loadRegion(db, actor, request.params.regionCode);
      authorize(canConfigure(actor, region.path), "OUT_OF_SCOPE", { code: region.code });
      await saveGateSettings(db, { actor, region, settings: request.body });
      return { ok: true as const };
    },
  );

  app.post(
    "/api/gate/registers",
    { schema: { tags, summary: "登记年度计划与清单 / add entries to an approved plan or list", body: ZRegisterEntries, response: { 200: ZOk, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      const region = await loadRegion(db, actor, request.body.regionCode);
      authorize(canConfigure(actor, region.path), "OUT_OF_SCOPE", { code: region.code });
      if (request.body.register === "allowed_proof") {
        // A proof villages may no longer issue at all cannot be put back on their list.
        const settings = await loadGateSettings(db, region.path);
        for (const e of request.body.entries) {
          const status = proofStatus(e.title, settings, []);
          if (status.kind === "banned") throw new AppError("PROOF_LIST_BANNED", { name: e.title, banned: status.name });
        }
      }
      await addRegisterEntries(db, { actor, region, year: request.body.year, register: request.body.register, entries: request.body.entries });
      return { ok: true as const };
    },
  );
}
