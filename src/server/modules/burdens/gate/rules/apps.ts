import type { APP_DEMANDS } from "../../../../../contracts/burdens.js";
import { finding, type Rule } from "../types.js";
import { namesEn } from "./text.js";

/**
 * 指尖上的形式主义: the 2024 regulation forbids government apps and work groups that demand check-ins,
 * points, online time, install rates or rankings of the grassroots. (Photo uploads are a trace demand,
 * see TRACE_REQUIREMENT.)
 */

type Demand = (typeof APP_DEMANDS)[number];

/** The demands the regulation forbids, with the gate's wording (the fingertips ledger flags them alike). */
export const BANNED_APP_DEMANDS: Partial<Record<Demand, { zh: string; en: string }>> = {
  check_in: { zh: "打卡签到", en: "check-ins" },
  points: { zh: "积分", en: "points" },
  online_time: { zh: "在线时长", en: "online time" },
  install_rate: { zh: "下载安装率", en: "install rates" },
  ranking: { zh: "排名通报", en: "rankings" },
};

export const appBannedDemand: Rule = {
  code: "APP_BANNED_DEMAND",
  description: { "zh-CN": "政务应用程序、工作群要求打卡、积分、在线时长、安装率或排名", en: "App or work group demanding check-ins, points, online time, install rates or rankings" },
  run: (burden) => {
    if (burden.kind !== "app" && burden.kind !== "workgroup") return [];
    const banned = burden.details.demands.filter((d) => BANNED_APP_DEMANDS[d]);
    if (banned.length === 0) return [];
    const name = burden.kind === "app" ? burden.details.appName : burden.details.groupName;
    const what = burden.kind === "app" ? { zh: "政务应用程序", en: "The app" } : { zh: "工作群", en: "The work group" };
    const zh = banned.map((d) => BANNED_APP_DEMANDS[d]?.zh).join("、");
    const en = namesEn(banned.map((d) => BANNED_APP_DEMANDS[d]?.en ?? d));
    return [
      finding(
        "APP_BANNED_DEMAND",
        "block",
        `${what.zh}“${name}”要求基层${zh}，属于明令禁止的“指尖上的形式主义”`,
        `${what.en} “${name}” demands ${en} of the grassroots, which is forbidden as "formalism at the fingertips"`,
        { name, demands: banned },
      ),
    ];
  },
};
