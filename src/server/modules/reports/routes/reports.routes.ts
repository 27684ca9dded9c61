import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { ZMonthlyReport, ZMonthlyReportQuery } from "../../../../contracts/reports.js";
import { actorOf } from "../../../http/session.js";
import { sendXlsx } from "../../../http/xlsx.js";
import type { RouteDeps } from "../../../http/types.js";
import { chinaToday } from "../../../kernel/dates.js";
import { ZFiguresQuery } from "../../../../contracts/forms.js";
import { pickLang, type Lang } from "../../../http/i18n.js";
import { formFigures } from "../../forms/figures.js";
import { reportContent } from "../content.js";
import { formsWorkbook } from "../excel.js";
import { reportDocx } from "../docx.js";
import { monthlyReport } from "../figures.js";
import { reportPdf } from "../pdf.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const tags = ["reports"];
const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
// RFC 5987: the Chinese file name for browsers, an ASCII one for the rest.
const disposition = (ascii: string, name: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name.replace(/[\\/:*?"<>|]/g, ""))}`;

/** The report's language: the `lang` query parameter, else Accept-Language. */
const langOf = (request: { query: { lang?: Lang | undefined }; headers: { "accept-language"?: string | undefined } }): Lang => request.query.lang ?? pickLang(request.headers["accept-language"]);
const suffix = (lang: Lang) => (lang === "en" ? "-en" : "");

/** The monthly report per region 月度减负报告: figures as JSON, and as .docx and PDF with charts. */
export function reportRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/reports/monthly",
    { schema: { tags, summary: "月度减负报告数据 / the monthly report's figures", querystring: ZMonthlyReportQuery, response: { 200: ZMonthlyReport, ...errors } } },
    async (request) => monthlyReport(db, actorOf(request), request.query, chinaToday()),
  );
  app.get(
    "/api/reports/monthly.docx",
    { schema: { tags, summary: "月度减负报告 Word / the monthly report as .docx", querystring: ZMonthlyReportQuery, response: { 200: z.unknown(), ...errors } } },
    async (request, reply) => {
      const report = await monthlyReport(db, actorOf(request), request.query, chinaToday());
      const lang = langOf(request);
      const content = reportContent(report, lang);
      return reply
        .header("content-type", DOCX_MIME)
        .header("content-language", lang)
        .header("content-disposition", disposition(`monthly-report-${report.unit.code}-${report.month}${suffix(lang)}.docx`, `${content.title}.docx`))
        .send(await reportDocx(content));
    },
  );
  app.get(
    "/api/reports/monthly.pdf",
    { schema: { tags, summary: "月度减负报告 PDF / the monthly report as PDF", querystring: ZMonthlyReportQuery, response: { 200: z.unknown(), ...errors, 503: ZErrorBody } } },
    async (request, reply) => {
      const report = await monthlyReport(db, actorOf(request), request.query, chinaToday());
      const lang = langOf(request);
      const content = reportContent(report, lang);
      return reply
        .type("application/pdf")
        .header("content-language", lang)
        .header("content-disposition", disposition(`monthly-report-${report.unit.code}-${report.month}${suffix(lang)}.pdf`, `${content.title}.pdf`))
        .send(await reportPdf(content));
    },
  );
  app.get(
    "/api/reports/forms.xlsx",
    { schema: { tags, summary: "一表通免填字段 Excel / fields avoided by the one form, as .xlsx", querystring: ZFiguresQuery, response: { 200: z.unknown(), ...errors } } },
    async (request, reply) => {
      const figures = await formFigures(db, { actor: actorOf(request), from: request.query.from, to: request.query.to });
      const body = await formsWorkbook(figures, pickLang(request.headers["accept-language"]));
      return sendXlsx(reply, body, `forms-avoided-${figures.from}-${figures.to}.xlsx`, `forms-avoided-${figures.from}-${figures.to}.xlsx`);
    },
  );
}
