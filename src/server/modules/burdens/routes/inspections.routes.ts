import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZInspectionVisitInput, ZInspectionVisits, ZMergeProposals, ZMergeProposalsQuery } from "../../../../contracts/burdens.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { authorize } from "../../../kernel/actor.js";
import { z } from "zod";
import { sendXlsx } from "../../../http/xlsx.js";
import { inspectionMergeProposals } from "../inspection-merge.js";
import { exportInspectionProposals, exportInspectionVisits } from "../inspections-excel.js";
import { acceptInspectionMerge, listInspectionVisits } from "../inspection-visits.js";
import { burdenPolicy } from "../policy.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

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
  fastify.withTypeProvider<ZodTypeProvider>().get(
    "/api/inspections/visits",
    { schema: { tags: ["burdens"], summary: "联合检查（已接受的合并建议）/ joint visits recorded in a quarter", querystring: ZMergeProposalsQuery, response: { 200: ZInspectionVisits, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      authorize(burdenPolicy.canPlanInspections(actor));
      return listInspectionVisits(db, actor, request.query);
    },
  );

  fastify.withTypeProvider<ZodTypeProvider>().get(
    "/api/inspections/merge-proposals/export.xlsx",
    { schema: { tags: ["burdens"], summary: "导出督查检查合并建议 / a quarter's merge proposals as .xlsx", querystring: ZMergeProposalsQuery, response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(burdenPolicy.canPlanInspections(actor));
      const { year, quarter } = request.query;
      return sendXlsx(reply, await exportInspectionProposals(db, actor, request.query), `inspection-merge-${year}-q${quarter}.xlsx`, `督查检查合并建议-${year}年第${quarter}季度.xlsx`);
    },
  );
  fastify.withTypeProvider<ZodTypeProvider>().get(
    "/api/inspections/visits/export.xlsx",
    { schema: { tags: ["burdens"], summary: "导出联合检查 / a quarter's joint visits as .xlsx", querystring: ZMergeProposalsQuery, response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(burdenPolicy.canPlanInspections(actor));
      const { year, quarter } = request.query;
      return sendXlsx(reply, await exportInspectionVisits(db, actor, request.query), `inspection-visits-${year}-q${quarter}.xlsx`, `联合检查-${year}年第${quarter}季度.xlsx`);
    },
  );

  fastify.withTypeProvider<ZodTypeProvider>().post(
    "/api/inspections/visits",
    { schema: { tags: ["burdens"], summary: "接受合并建议，登记一次联合检查（减负办）/ accept a proposal: record one joint visit (office)", body: ZInspectionVisitInput, response: { 201: ZInspectionVisits, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await acceptInspectionMerge(db, actor, request.body);
      const year = Number(request.body.visitOn.slice(0, 4));
      const quarter = Math.floor((Number(request.body.visitOn.slice(5, 7)) - 1) / 3) + 1;
      return reply.status(201).send(await listInspectionVisits(db, actor, { year, quarter }, id));
    },
  );
}
