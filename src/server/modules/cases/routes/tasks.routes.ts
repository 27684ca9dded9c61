import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZCaseIdParams, ZCaseTaskList, ZOkResult, ZTaskIdParams, ZTaskInput, ZTaskProof } from "../../../../contracts/cases.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { loadCaseFor } from "../handling.js";
import { addTask, completeTask, myTasks } from "../tasks.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const tags = ["cases"];
const ok = { ok: true as const };

/** Rectification 整改: the office gives tasks on a case; the responsible unit sees only its tasks and answers with proof. */
export function taskRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/api/cases/:id/tasks",
    { schema: { tags, summary: "下达整改任务 / give the responsible unit a rectification task", params: ZCaseIdParams, body: ZTaskInput, response: { 201: ZOkResult, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await addTask(db, { actor, row: await loadCaseFor(db, actor, request.params.id), input: request.body });
      return reply.status(201).send(ok);
    },
  );

  app.get("/api/rectification-tasks", { schema: { tags, summary: "本单位的整改任务 / rectification tasks of my units", response: { 200: ZCaseTaskList, ...errors } } }, async (request) => ({
    items: await myTasks(db, actorOf(request)),
  }));

  app.post(
    "/api/rectification-tasks/:id/proof",
    { schema: { tags, summary: "报送整改情况 / answer a task with proof", params: ZTaskIdParams, body: ZTaskProof, response: { 200: ZOkResult, ...errors } } },
    async (request) => {
      await completeTask(db, { actor: actorOf(request), taskId: request.params.id, proof: request.body.proof });
      return ok;
    },
  );
}
