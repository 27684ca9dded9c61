import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { ZTemplateQuery } from "../../../../contracts/excel.js";
import {
  ZAllowedProofAdded, ZAllowedProofInput, ZAllowedProofs, ZAllowedProofsQuery, ZAllowedProofWithdrawal, ZProofCounts, ZProofCountsQuery, ZProofList, ZProofListQuery, ZProofRequest, ZProofRequestIdParams, ZProofRequestInput,
} from "../../../../contracts/proofs.js";
import { AppError } from "../../../http/errors.js";
import { sendXlsx, xlsxImportRoute } from "../../../http/xlsx.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { addAllowedProof, listAllowedProofs, withdrawAllowedProof } from "../allowed-list.js";
import { exportProofRequests, importProofRequests } from "../excel.js";
import { exportAllowedProofs, importAllowedProofs } from "../list-excel.js";
import { refusalDocx } from "../refusal-docx.js";
import { listProofRequests, loadProofRequest, proofCounts, recordProofRequest } from "../requests.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const tags = ["proofs"];
const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function proofRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/api/proofs/requests",
    { schema: { tags, summary: "登记村（社区）被要求出具的证明，判断可否出具 / record a proof asked of a village and whether it may be issued", body: ZProofRequestInput, response: { 201: ZProofRequest, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await recordProofRequest(db, { actor, input: request.body });
      return reply.status(201).send(await loadProofRequest(db, actor, id));
    },
  );

  app.get(
    "/api/proofs/requests",
    { schema: { tags, summary: "证明事项台账 / the proofs asked of the villages of one's region", querystring: ZProofListQuery, response: { 200: ZProofList, ...errors } } },
    async (request) => listProofRequests(db, actorOf(request), request.query),
  );

  app.get(
    "/api/proofs/counts",
    { schema: { tags, summary: "各村年度出具证明数量与上年对比 / proofs issued per village against last year", querystring: ZProofCountsQuery, response: { 200: ZProofCounts, ...errors } } },
    async (request) => proofCounts(db, actorOf(request), request.query.year),
  );

  app.get(
    "/api/proofs/requests/:id/refusal.docx",
    { schema: { tags, summary: "不予出具证明告知书（Word）/ the refusal as a .docx", params: ZProofRequestIdParams, response: { 200: z.unknown().describe("the .docx file"), ...errors } } },
    async (request, reply) => {
      const proof = await loadProofRequest(db, actorOf(request), request.params.id);
      if (!proof.refusalText) throw new AppError("PROOF_REQUEST_NOT_FOUND");
      const file = await refusalDocx(proof.refusalText);
      const name = encodeURIComponent(`不予出具证明告知书-${proof.villageName}-${proof.on}.docx`);
      return reply.type(DOCX_MIME).header("content-disposition", `attachment; filename*=UTF-8''${name}`).send(file);
    },
  );

  app.get(
    "/api/proofs/requests/export.xlsx",
    { schema: { tags, summary: "导出证明事项台账 / the proofs asked of one's villages as .xlsx", querystring: ZProofListQuery.omit({ limit: true }).extend(ZTemplateQuery.shape), response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const file = await exportProofRequests(db, actorOf(request), request.query);
      return sendXlsx(reply, file, `proofs.xlsx`, "证明事项台账.xlsx");
    },
  );

  app.get(
    "/api/proofs/list",
    { schema: { tags, summary: "村级可出具证明事项清单（本地区、上级及下级地区设定的）/ the proofs villages of one's region may issue in a year", querystring: ZAllowedProofsQuery, response: { 200: ZAllowedProofs, ...errors } } },
    async (request) => ({ year: request.query.year, items: await listAllowedProofs(db, actorOf(request), request.query.year) }),
  );

  app.post(
    "/api/proofs/list",
    {
      schema: {
        tags,
        summary: "列入村级可出具证明事项清单（减负办，一次一项；已在清单中的不变）/ add one proof to the list villages may issue (office; an entry already there is left alone)",
        body: ZAllowedProofInput,
        response: { 201: ZAllowedProofAdded, 409: ZErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await addAllowedProof(db, actor, request.body);
      return reply.status(201).send({ year: request.body.year, added: id !== null, items: await listAllowedProofs(db, actor, request.body.year) });
    },
  );

  app.post(
    "/api/proofs/list/withdraw",
    { schema: { tags, summary: "撤出村级可出具证明事项清单（减负办，须写明理由，留痕）/ take a proof off the list (office, with a reason; audited)", body: ZAllowedProofWithdrawal, response: { 200: ZAllowedProofs, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await withdrawAllowedProof(db, actor, request.body);
      return { year: request.body.year, items: await listAllowedProofs(db, actor, request.body.year) };
    },
  );

  app.get(
    "/api/proofs/list/export.xlsx",
    { schema: { tags, summary: "导出村级可出具证明事项清单 / the list of proofs villages may issue as .xlsx", querystring: ZAllowedProofsQuery.extend(ZTemplateQuery.shape), response: { 200: z.unknown().describe("the .xlsx file"), ...errors } } },
    async (request, reply) => {
      const file = await exportAllowedProofs(db, actorOf(request), request.query);
      return sendXlsx(reply, file, `allowed-proofs-${request.query.year}.xlsx`, `村级可出具证明事项清单${request.query.year}.xlsx`);
    },
  );

  xlsxImportRoute(fastify, {
    url: "/api/proofs/list/import.xlsx",
    tags,
    summary: "从 Excel 导入村级可出具证明事项清单（减负办；列同导出；已在清单中的行不变，一行有误则全部不导入）/ import the list of proofs villages may issue (office)",
    run: (actor, file, lang) => importAllowedProofs(db, actor, file, lang),
  });

  xlsxImportRoute(fastify, {
    url: "/api/proofs/requests/import.xlsx",
    tags,
    summary: "从 Excel 导入证明事项台账（列同导出；逐行按清单判断，一行有误则全部不导入）/ import the proofs asked from an .xlsx body, each row decided as a single record",
    run: (actor, file, lang) => importProofRequests(db, actor, file, lang),
  });
}
