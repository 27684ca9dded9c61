import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZCreateUser, ZOk, ZResetPassword, ZUpdateUser, ZUser, ZUserIdParams, ZUserList, ZUserListQuery } from "../../../../contracts/org.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { authorize, userPolicy } from "../policy.js";
import { userDto } from "../present.js";
import { createUser, listUsers, resetPassword, updateUser } from "../users.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

export function userRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/users",
    { schema: { tags: ["users"], summary: "用户列表 / list users", querystring: ZUserListQuery, response: { 200: ZUserList, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      authorize(userPolicy.canManageAny(actor));
      const page = await listUsers(db, { ...request.query, withinPath: actor.scope.path });
      return { items: page.items.map(userDto), total: page.total };
    },
  );

  app.post(
    "/api/users",
    { schema: { tags: ["users"], summary: "新建用户 / create a user", body: ZCreateUser, response: { 201: ZUser, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(userPolicy.canManageAny(actor));
      const user = await createUser(db, { actor, input: request.body });
      return reply.status(201).send(userDto(user));
    },
  );

  app.patch(
    "/api/users/:id",
    {
      schema: {
        tags: ["users"],
        summary: "修改用户（角色、管辖范围、停用）/ update a user",
        params: ZUserIdParams,
        body: ZUpdateUser,
        response: { 200: ZUser, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(userPolicy.canManageAny(actor));
      return userDto(await updateUser(db, { actor, id: request.params.id, changes: request.body }));
    },
  );

  app.post(
    "/api/users/:id/reset-password",
    {
      schema: { tags: ["users"], summary: "重置密码 / reset a password", params: ZUserIdParams, body: ZResetPassword, response: { 200: ZOk, ...errors } },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(userPolicy.canManageAny(actor));
      await resetPassword(db, { actor, id: request.params.id, password: request.body.password });
      return { ok: true as const };
    },
  );
}
