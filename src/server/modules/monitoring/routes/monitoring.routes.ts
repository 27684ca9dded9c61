import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZErrorBody } from "../../../../contracts/errors.js";
import {
  ZAnswer,
  ZAnswerInput,
  ZAnswerList,
  ZAnswerListQuery,
  ZAnswerParams,
  ZCorrectionInput,
  ZPointInput,
  ZPointList,
  ZPointListQuery,
  ZPointParams,
  ZReminderInput,
  ZReminderResult,
  ZSurvey,
  ZSurveyQuery,
} from "../../../../contracts/monitoring.js";
import { actorOf } from "../../../http/session.js";
import type { RouteDeps } from "../../../http/types.js";
import { chinaToday } from "../../../kernel/dates.js";
import { correctAnswer } from "../corrections.js";
import { choosePoint, listPoints, retirePoint } from "../points.js";
import { listAnswers, remindLastWeek, remindMissing } from "../reminders.js";
import { loadSurvey, submitAnswer } from "../survey.js";
import { mondayOf } from "../weeks.js";

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const tags = ["monitoring"];
const DAY = 86_400_000;

/** Monitoring points 监测点: choosing them, the weekly survey, missing answers and reminders. */
export function monitoringRoutes(fastify: FastifyInstance, { db, config }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/monitoring/points",
    { schema: { tags, summary: "监测点及本周填报情况 / monitoring points and who answered the week", querystring: ZPointListQuery, response: { 200: ZPointList, ...errors } } },
    async (request) => listPoints(db, actorOf(request), mondayOf(request.query.week ?? chinaToday())),
  );
  app.post(
    "/api/monitoring/points",
    { schema: { tags, summary: "设立监测点 / make a village a monitoring point", body: ZPointInput, response: { 201: ZPointList, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await choosePoint(db, actor, request.body.unitCode, chinaToday());
      return reply.status(201).send(await listPoints(db, actor, mondayOf(chinaToday())));
    },
  );
  app.delete(
    "/api/monitoring/points/:code",
    { schema: { tags, summary: "撤销监测点 / stop a monitoring point (its answers stay)", params: ZPointParams, response: { 200: ZPointList, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await retirePoint(db, actor, request.params.code);
      return listPoints(db, actor, mondayOf(chinaToday()));
    },
  );

  app.get(
    "/api/monitoring/survey",
    { schema: { tags, summary: "本村本周监测问卷 / the village's weekly survey", querystring: ZSurveyQuery, response: { 200: ZSurvey, ...errors } } },
    async (request) => loadSurvey(db, actorOf(request), request.query.week, chinaToday()),
  );
  app.post(
    "/api/monitoring/answers",
    { schema: { tags, summary: "提交本周监测填报（幂等）/ submit a week's answer (idempotent)", body: ZAnswerInput, response: { 200: ZAnswer, 201: ZAnswer, ...errors } } },
    async (request, reply) => {
      const { answer, replayed } = await submitAnswer(db, actorOf(request), request.body, chinaToday());
      return reply.status(replayed ? 200 : 201).send(answer);
    },
  );
  app.put(
    "/api/monitoring/answers/:id",
    {
      schema: {
        tags,
        summary: "更正监测填报（本村在期限内，乡镇须写理由；幂等）/ correct a sent answer (the village within its window, the township with a reason; idempotent)",
        params: ZAnswerParams,
        body: ZCorrectionInput,
        response: { 200: ZAnswer, ...errors },
      },
    },
    async (request) => (await correctAnswer(db, actorOf(request), request.params.id, request.body, chinaToday())).answer,
  );
  app.get(
    "/api/monitoring/answers",
    { schema: { tags, summary: "辖区监测填报 / the answers of one's region", querystring: ZAnswerListQuery, response: { 200: ZAnswerList, ...errors } } },
    async (request) => listAnswers(db, actorOf(request), request.query),
  );
  app.post(
    "/api/monitoring/reminders",
    { schema: { tags, summary: "提醒未填报的监测点 / remind the points that did not answer the week", body: ZReminderInput, response: { 200: ZReminderResult, ...errors } } },
    async (request) => remindMissing(db, actorOf(request), request.body.week, chinaToday()),
  );

  // Outside tests, once a day: every point that has not answered last week is reminded.
  if (config.env === "test") return;
  let timer: NodeJS.Timeout | null = null;
  app.addHook("onReady", async () => {
    timer = setInterval(() => {
      remindLastWeek(db, chinaToday()).catch((err: unknown) => app.log.error({ err }, "monitoring reminders failed"));
    }, DAY);
    timer.unref();
  });
  app.addHook("onClose", async () => {
    if (timer) clearInterval(timer);
  });
}
