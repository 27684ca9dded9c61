import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { solveChallenge } from "./guard.js";

let address = 0;
/** A client address of its own per call, so the public rate limit of one test does not spend another's. */
export const freshAddress = () => `10.9.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

export const REPORT = {
  category: "fingertip",
  text: "镇里要求每个村每天在学习APP上打卡并截图上报，排名靠后的要在全镇通报。",
  unitCode: "230524100000",
  noAdmission: true,
} as const;

/** A public report as the web page sends it: fetch a challenge, solve it, submit. */
export async function submitPublicReport(
  app: FastifyInstance,
  body: Record<string, unknown> = {},
  remoteAddress = freshAddress(),
): Promise<LightMyRequestResponse> {
  const challenge = await app.inject({ method: "GET", url: "/api/public/reports/challenge", remoteAddress });
  const c = challenge.json<{ challenge: string }>().challenge;
  return app.inject({ method: "POST", url: "/api/public/reports", remoteAddress, payload: { ...REPORT, challenge: c, nonce: solveChallenge(c), ...body } });
}
