import type { FastifyInstance, FastifyRequest } from "fastify";
import type {} from "@fastify/rate-limit";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZChangePassword, ZLogin, ZMe, ZOk } from "../../../../contracts/org.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import type { RouteDeps } from "../../../http/types.js";
import { actorOf, clearSessionCookie, setSessionCookie } from "../../../http/session.js";
import { changeOwnPassword, login, logout } from "../auth.js";
import { allowedActions, regionPathOf, type Actor } from "../policy.js";
import { unitDto } from "../present.js";

const meDto = (actor: Actor, csrfToken: string) => ({
  id: actor.id,
  username: actor.username,
  displayName: actor.displayName,
  role: actor.role,
  scope: unitDto(actor.scope),
  mustChangePassword: actor.mustChangePassword,
  regionCode: regionPathOf(actor).split(".").at(-1) ?? actor.scope.code,
  csrfToken,
  can: allowedActions(actor),
});

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 423: ZErrorBody, 429: ZErrorBody };

export function authRoutes(fastify: FastifyInstance, deps: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, config } = deps;

  app.post(
    "/api/auth/login",
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: "1 minute", hook: "preHandler", keyGenerator: (r: FastifyRequest) => `${r.ip}|${(r.body as { username?: string })?.username ?? ""}` } },
      schema: { tags: ["auth"], summary: "登录 / log in", body: ZLogin, response: { 200: ZMe, ...errors } },
    },
    async (request, reply) => {
      const result = await login(db, { ...request.body, secret: config.secret });
      setSessionCookie(reply, result.token, config.secureCookies);
      return meDto(result.actor, result.csrfToken);
    },
  );

  app.post("/api/auth/logout", { schema: { tags: ["auth"], summary: "退出 / log out", response: { 200: ZOk, ...errors } } }, async (request, reply) => {
    await logout(db, { secret: config.secret, token: request.session!.token, actor: actorOf(request) });
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.get("/api/me", { schema: { tags: ["auth"], summary: "当前用户 / current user", response: { 200: ZMe, ...errors } } }, async (request) =>
    meDto(actorOf(request), request.session!.csrfToken),
  );

  app.post(
    "/api/me/password",
    { schema: { tags: ["auth"], summary: "修改本人密码 / change own password", body: ZChangePassword, response: { 200: ZOk, ...errors } } },
    async (request) => {
      await changeOwnPassword(db, { ...request.body, actor: actorOf(request), secret: config.secret, keepToken: request.session!.token });
      return { ok: true as const };
    },
  );
}
