import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZCalendarDateParams, ZCalendarYear, ZCalendarYearParams, ZSetCalendarDay } from "../../../contracts/calendar.js";
import { ZErrorBody } from "../../../contracts/errors.js";
import { ZOk } from "../../../contracts/org.js";
import { actorOf } from "../../http/session.js";
import type { RouteDeps } from "../../http/types.js";
import { authorize } from "../../kernel/actor.js";
import { deleteCalendarDay, getCalendarYear, setCalendarDay } from "./calendar.js";
import { calendarPolicy } from "./policy.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

export function calendarRoutes(fastify: FastifyInstance, { db }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/calendar/:year",
    {
      schema: {
        tags: ["calendar"],
        summary: "工作日历（节假日与调休）/ working calendar of a year",
        params: ZCalendarYearParams,
        response: { 200: ZCalendarYear, ...errors },
      },
    },
    async (request) => {
      authorize(calendarPolicy.canRead(actorOf(request)));
      return getCalendarYear(db, request.params.year);
    },
  );

  app.post(
    "/api/calendar/days",
    {
      schema: {
        tags: ["calendar"],
        summary: "录入节假日或调休上班日 / enter a holiday or a make-up workday",
        body: ZSetCalendarDay,
        response: { 200: ZCalendarYear, 201: ZCalendarYear, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(calendarPolicy.canWrite(actor));
      const { created } = await setCalendarDay(db, { actor, input: request.body });
      return reply.status(created ? 201 : 200).send(await getCalendarYear(db, Number(request.body.date.slice(0, 4))));
    },
  );

  app.delete(
    "/api/calendar/days/:date",
    {
      schema: {
        tags: ["calendar"],
        summary: "删除录入的日期 / delete an entered day",
        params: ZCalendarDateParams,
        response: { 200: ZOk, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(calendarPolicy.canWrite(actor));
      await deleteCalendarDay(db, { actor, date: request.params.date });
      return { ok: true as const };
    },
  );
}
