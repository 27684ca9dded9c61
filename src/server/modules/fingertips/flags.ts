import { CHANNEL_KIND_NAMES, type AppDemand, type ChannelKind } from "../../../contracts/fingertips.js";
import type { Lang } from "../../http/i18n.js";
import { BANNED_APP_DEMANDS } from "../burdens/gate/rules/apps.js";

export type ChannelFlag = { code: string; severity: "block" | "review"; message: string };

/**
 * What is wrong with an app or group, in the gate's codes and wording: banned demands 明令禁止的要求
 * (APP_BANNED_DEMAND, as the gate blocks them), photo uploads as trace demands 留痕 (TRACE_REQUIREMENT)
 * and forwarding as traffic targets 转发点赞 (TRAFFIC_TARGET), both for review.
 */
export function channelFlags(c: { name: string; kind: ChannelKind; demands: readonly string[] }, lang: Lang): ChannelFlag[] {
  const en = lang === "en";
  const what = CHANNEL_KIND_NAMES[c.kind];
  const out: ChannelFlag[] = [];
  const banned = c.demands.filter((d) => BANNED_APP_DEMANDS[d as AppDemand]);
  if (banned.length > 0) {
    const names = banned.map((d) => BANNED_APP_DEMANDS[d as AppDemand]!);
    out.push({
      code: "APP_BANNED_DEMAND",
      severity: "block",
      message: en
        ? `The ${what.en} “${c.name}” demands ${names.map((n) => n.en).join(", ")} of the grassroots, which is forbidden as "formalism at the fingertips"`
        : `${what.zh}“${c.name}”要求基层${names.map((n) => n.zh).join("、")}，属于明令禁止的“指尖上的形式主义”`,
    });
  }
  if (c.demands.includes("photo_upload")) {
    out.push({
      code: "TRACE_REQUIREMENT",
      severity: "review",
      message: en ? `“${c.name}” asks for photo uploads: work is judged by traces, not results` : `“${c.name}”要求上传照片，以留痕代替实绩`,
    });
  }
  if (c.demands.includes("forwarding")) {
    out.push({
      code: "TRAFFIC_TARGET",
      severity: "review",
      message: en ? `“${c.name}” asks cadres to forward and like posts: a traffic target` : `“${c.name}”要求干部转发点赞，属于考核流量指标`,
    });
  }
  return out;
}

export const hasBannedDemand = (demands: readonly string[]): boolean => demands.some((d) => BANNED_APP_DEMANDS[d as AppDemand]);
