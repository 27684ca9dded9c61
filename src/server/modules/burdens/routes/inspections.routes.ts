import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZMergeProposals, ZMergeProposalsQuery } from "../../../../contracts/burdens.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { authorize } from "../../../kernel/actor.js";
import { inspectionMergeProposals } from "../inspection-merge.js";
import { burdenPolicy } from "../policy.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

export function inspectionRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  fastify.withTypeProvider<ZodTypeProvider>().get(
    "/api/inspections/merge-proposals",
    {
      schema: {
        tags: ["burdens"],
        summary: "督查检查合并建议：同一季度多次检查同一乡镇 / inspections of one township in a quarter, to merge into one visit",
        querystring: ZMergeProposalsQuery,
        response: { 200: ZMergeProposals, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(burdenPolicy.canPlanInspections(actor));
      return inspectionMergeProposals(db, actor, request.query);
    },
  );
}
