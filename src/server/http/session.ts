import { timingSafeEqual } from "node:crypto";
import type {} from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../db/client.js";
import { actorFromSession, SESSION_HOURS } from "../modules/org/auth.js";
import type { Actor } from "../modules/org/policy.js";
import { AppError } from "./errors.js";

export const SESSION_COOKIE = "jianfu_session";
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    session: { token: string; csrfToken: string } | null;
  }
  interface FastifyContextConfig {
    /** A route anyone may call without logging in. */
    public?: boolean;
  }
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** What a user whose password was set by someone else may still change before he picks his own. */
const PASSWORD_CHANGE_ROUTES = new Set(["/api/me/password", "/api/auth/logout"]);

const sameToken = (given: unknown, expected: string): boolean => {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    secure,
    maxAge: SESSION_HOURS * 3600,
  });
}

export const clearSessionCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: "/" });

/**
 * Every /api route is closed unless marked public. The session cookie names the actor; a request that
 * changes state must also carry the session's CSRF token in a header, which a foreign page cannot read.
 */
export function registerSessionGuard(app: FastifyInstance, deps: { db: Db; secret: string }) {
  app.decorateRequest("actor", null);
  app.decorateRequest("session", null);
  app.addHook("onRequest", async (request: FastifyRequest) => {
    if (!request.url.startsWith("/api/") || request.url.startsWith("/api/docs") || request.routeOptions.config?.public) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new AppError("UNAUTHENTICATED");
    const found = await actorFromSession(deps.db, deps.secret, token);
    if ("error" in found) throw new AppError(found.error);
    if (UNSAFE_METHODS.has(request.method) && !sameToken(request.headers[CSRF_HEADER], found.csrfToken)) {
      throw new AppError("CSRF_FAILED");
    }
    if (found.actor.mustChangePassword && UNSAFE_METHODS.has(request.method) && !PASSWORD_CHANGE_ROUTES.has(request.routeOptions.url ?? "")) {
      throw new AppError("PASSWORD_CHANGE_REQUIRED");
    }
    request.actor = found.actor;
    request.session = { token, csrfToken: found.csrfToken };
  });
}

/** The actor of a guarded route; the guard has already refused anonymous requests. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("UNAUTHENTICATED");
  return request.actor;
}
