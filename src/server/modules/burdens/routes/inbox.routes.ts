import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import QRCode from "qrcode";
import { ZAdmissionNumberParams, ZHoursQuery, ZHoursSummary, ZInbox, ZVerifyResult } from "../../../../contracts/burdens.js";
import { ZErrorBody } from "../../../../contracts/errors.js";
import { AppError } from "../../../http/errors.js";
import { pickLang } from "../../../http/i18n.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { loadWorkingCalendar } from "../../calendar/calendar.js";
import { PUBLIC_RATE_LIMIT } from "../../org/routes/public.routes.js";
import { normalizeAdmissionNumber, parseAdmissionNumber } from "../admission-number.js";
import { toHours } from "../hours.js";
import { chinaToday } from "../prepare.js";
import { hoursSummary, inboxRows, verifyAdmission } from "../queries.js";
import type { Frequency } from "../../../../contracts/burdens.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 429: ZErrorBody };

const parseNumberOrFail = (raw: string) => {
  const parsed = parseAdmissionNumber(raw);
  if (!parsed) throw new AppError("ADMISSION_NUMBER_INVALID");
  return normalizeAdmissionNumber(parsed);
};

export function inboxRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/inbox",
    { schema: { tags: ["burdens"], summary: "收件箱：下达给我的已准入事项 / admitted burdens that reach me", response: { 200: ZInbox, ...errors } } },
    async (request) => {
      const today = chinaToday();
      const rows = await inboxRows(db, actorOf(request), today);
      const years = [...new Set([Number(today.slice(0, 4)), ...rows.map((r) => Number(r.row.deadline.slice(0, 4)))])].slice(0, 5);
      const calendar = await loadWorkingCalendar(db, years);
      const items = rows.map((r) => ({
        id: r.row.id,
        kind: r.row.kind as never,
        title: r.row.title,
        issuer: { code: r.row.issuerCode, name: r.issuerName },
        admissionNumber: r.row.admissionNumber,
        deadline: r.row.deadline,
        workingDaysLeft: calendar.workingDaysBetween(today, r.row.deadline),
        frequency: r.row.frequency as Frequency,
        minutesPerTarget: r.row.minutesPerTarget,
        myTargets: r.myTargets,
        yearlyHoursForMe: r.yearlyHoursForMe,
        canRelay: r.canRelay,
      }));
      return { items, yearlyHoursTotal: toHours(items.reduce((sum, i) => sum + i.yearlyHoursForMe * 60, 0)) };
    },
  );

  app.get(
    "/api/burdens/hours",
    { schema: { tags: ["burdens"], summary: "负担工时汇总 / burden-hours by issuer or by target", querystring: ZHoursQuery, response: { 200: ZHoursSummary, ...errors } } },
    async (request) => hoursSummary(db, actorOf(request), { ...request.query, year: request.query.year ?? Number(chinaToday().slice(0, 4)) }),
  );

  app.get(
    "/api/public/verify/:number",
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
      schema: { tags: ["public"], summary: "公开：核验准入编号 / public: verify an admission number", params: ZAdmissionNumberParams, response: { 200: ZVerifyResult, ...errors } },
    },
    async (request) => verifyAdmission(db, parseNumberOrFail(request.params.number), pickLang(request.headers["accept-language"])),
  );

  app.get(
    "/api/public/verify/:number/qr.svg",
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
      schema: { tags: ["public"], summary: "公开：准入编号二维码 / public: QR code of an admission number", params: ZAdmissionNumberParams },
    },
    async (request, reply) => {
      const number = parseNumberOrFail(request.params.number);
      await verifyAdmission(db, number);
      const origin = `${request.protocol}://${request.host}`;
      const svg = await QRCode.toString(`${origin}/verify/${number}`, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
      return reply.type("image/svg+xml").header("cache-control", "public, max-age=86400").send(svg);
    },
  );
}
