import { finding, type GateBurden, type Rule } from "../types.js";
import { distinct, findWords, matchersFor, quoted, wordingOf, type WordHit } from "./text.js";

/**
 * What the wording of a burden reveals: demands for traces of work 留痕 (photos, sign-ins, ledgers as
 * proof) and traffic targets 流量指标 (fans, likes, downloads, points imposed as numbers). Words come
 * from the settings; a clause that forbids them ("不得要求拍照留痕") is not a demand.
 */

const MAX_QUOTES = 5;

export const traceRequirement: Rule = {
  code: "TRACE_REQUIREMENT",
  description: { "zh-CN": "要求拍照、签到、台账、截图等留痕", en: "Demands traces of work: photos, sign-ins, ledgers, screenshots" },
  run: (burden, ctx) => {
    const hits = findWords(wordingOf(burden), matchersFor(ctx.settings).trace);
    const appPhotos = (burden.kind === "app" || burden.kind === "workgroup") && burden.details.demands.includes("photo_upload");
    if (hits.length === 0 && !appPhotos) return [];
    const words = distinct(hits.map((h) => h.word));
    const quotes = distinct(hits.map((h) => h.clause)).slice(0, MAX_QUOTES);
    const zhParts: string[] = [];
    const enParts: string[] = [];
    if (quotes.length) {
      zhParts.push(`${quoted(quotes)}（含${quoted(words, 6)}）`);
      enParts.push(`${quoted(quotes)} (words: ${words.join(", ")})`);
    }
    if (appPhotos) {
      zhParts.push("要求在应用程序或工作群中上传照片");
      enParts.push("it demands photo uploads in the app or work group");
    }
    return [
      finding(
        "TRACE_REQUIREMENT",
        "review",
        `要求基层留痕：${zhParts.join("；")}。以拍照、签到、台账代替实绩属于形式主义，请删去或说明必要性`,
        `Demands traces of work (留痕): ${enParts.join("; ")}. Photos, sign-ins and ledgers in place of results are formalism; remove them or justify them`,
        { words, quotes, photoUploadDemand: appPhotos },
      ),
    ];
  },
};

/** A number that counts something: digits, Chinese numerals before a counter ("一百人"), or a rank ("前十"). */
const NUMBER = /[0-9０-９]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千万]+(?=[个人名次条位篇分万千%％])|(?<=前)[一二两三四五六七八九十百]+/g;
/** Units after a number that make it a date or a time limit, not a target. */
const TIME_UNIT = /^\s*(?:日|天|月|年|时|号|周|点|小时|分钟|个月|个工作日)/;
/** "附件1", "第3条", "表2": a number that names a thing, not a quantity. */
const REFERENCE_BEFORE = /(?:附件|第|表|图)\s*$/;
/** Counters and verbs that make a number a target. */
const COUNTER_AFTER = /^\s*(?:[个人名次条位篇分万千百%％]|以上|以下)/;
const TARGET_VERB_BEFORE = /(?:达到|不少于|不低于|不得少于|超过|新增|增加|增长|完成|至少|突破|累计|每人|每天|每日|每周|每月|前)\s*$/;
/** Words too common in plain administrative Chinese to count as traffic without a platform nearby. */
const AMBIGUOUS = new Set(["关注", "转发", "分享", "下载", "安装", "注册", "排名", "积分", "投票"]);
const PLATFORM_CUE = /公众号|视频号|抖音|快手|微博|微信|APP|App|app|应用|小程序|平台|账号|直播|短视频|学习强国|客户端|链接|推文|文章|作品|网站/;
const CUE_REACH = 40;

/** The first counted number within reach of a traffic word, in the same clause. */
function targetNumber(hit: WordHit): string | null {
  const candidates: string[] = [];
  const scan = (s: string, side: "before" | "after") => {
    NUMBER.lastIndex = 0;
    for (let m = NUMBER.exec(s); m; m = NUMBER.exec(s)) {
      const rest = s.slice(m.index + m[0].length);
      const lead = s.slice(0, m.index);
      if (TIME_UNIT.test(rest) || REFERENCE_BEFORE.test(lead)) continue;
      if (COUNTER_AFTER.test(rest) || TARGET_VERB_BEFORE.test(lead) || side === "after") candidates.push(m[0]);
    }
  };
  scan(hit.after.slice(0, 12), "after");
  if (candidates.length === 0) scan(hit.before.slice(-8), "before");
  return candidates[0] ?? null;
}

function trafficHits(burden: GateBurden, re: RegExp | null) {
  const text = wordingOf(burden);
  const cueNear = (h: WordHit) =>
    PLATFORM_CUE.test(text.slice(Math.max(0, h.index - CUE_REACH), h.index + h.word.length + CUE_REACH)) ||
    burden.kind === "app" ||
    burden.kind === "workgroup";
  return findWords(text, re)
    .filter((h) => !AMBIGUOUS.has(h.word) || cueNear(h))
    .map((h) => ({ ...h, number: targetNumber(h) }));
}

export const trafficTarget: Rule = {
  code: "TRAFFIC_TARGET",
  description: { "zh-CN": "下达粉丝、点赞、下载、积分、排名等流量指标", en: "Imposes traffic targets: followers, likes, downloads, points, rankings" },
  run: (burden, ctx) => {
    const hits = trafficHits(burden, matchersFor(ctx.settings).traffic);
    const counted = hits.filter((h) => h.number !== null);
    // A quantity set on the burden itself ("100 人 per day") counts as the number for any traffic word.
    const flagged = counted.length ? counted : burden.quantity ? hits : [];
    if (flagged.length === 0) return [];
    const words = distinct(flagged.map((h) => h.word));
    const quotes = distinct(flagged.map((h) => h.clause)).slice(0, MAX_QUOTES);
    const q = burden.quantity;
    const quantityZh = !counted.length && q ? `，并设定数量指标 ${q.value} ${q.unit}` : "";
    const quantityEn = !counted.length && q ? `, with a quantitative target of ${q.value} ${q.unit}` : "";
    return [
      finding(
        "TRAFFIC_TARGET",
        "block",
        `下达流量指标：${quoted(quotes)}（含${quoted(words, 6)}${quantityZh}）。以粉丝、点赞、下载、积分、排名等数量考核基层属于“指尖上的形式主义”，不得下达`,
        `Imposes traffic targets: ${quoted(quotes)} (words: ${words.join(", ")}${quantityEn}). Judging the grassroots by followers, likes, downloads, points or rankings is "formalism at the fingertips" and may not be imposed`,
        { words, quotes, numbers: distinct(counted.map((h) => h.number)), quantity: !counted.length && q ? q : null },
      ),
    ];
  },
};

export const wordingRules: Rule[] = [traceRequirement, trafficTarget];

