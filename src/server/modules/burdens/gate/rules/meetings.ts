import { addDays } from "../../../../kernel/dates.js";
import { finding, type Rule } from "../types.js";
import { count, namesEn, namesZh, pct } from "./text.js";

/** 减会: the 2024 regulation's meeting rules as reported, and the hours a meeting takes from the grassroots. */

export const generalMeetingLimit: Rule = {
  code: "GENERAL_MEETING_LIMIT",
  description: { "zh-CN": "全体会议（综合性工作会议）超过每年次数上限", en: "More general work meetings than the yearly limit" },
  run: (burden, ctx) => {
    if (burden.kind !== "meeting" || !burden.details.general) return [];
    const cap = ctx.settings.generalMeetingsPerYear;
    const held = ctx.issuerUsage.generalMeetingsThisYear;
    if (held < cap) return [];
    const year = burden.issuedOn.slice(0, 4);
    return [
      finding(
        "GENERAL_MEETING_LIMIT",
        "block",
        `${ctx.issuer.name} ${year} 年已召开 ${held} 次全体会议（综合性工作会议），规定每年不超过 ${cap} 次；请合并或以其他方式部署`,
        `${ctx.issuer.name} has already held ${count(held, "general work meeting")} in ${year}; the limit is ${cap} a year. Merge it or use another channel`,
        { held, cap, year: Number(year) },
      ),
    ];
  },
};

export const speechTooLong: Rule = {
  code: "SPEECH_TOO_LONG",
  description: { "zh-CN": "讲话时间超过规定时长", en: "Speeches longer than allowed" },
  run: (burden, ctx) => {
    if (burden.kind !== "meeting") return [];
    const minutes = burden.details.speechMinutes;
    const cap = ctx.settings.speechMaxMinutes;
    if (minutes === undefined || minutes <= cap) return [];
    return [
      finding(
        "SPEECH_TOO_LONG",
        "review",
        `会议讲话安排 ${minutes} 分钟，超过 ${cap} 分钟的上限，请压缩`,
        `Speeches are planned for ${minutes} minutes, over the limit of ${cap}; cut them down`,
        { speechMinutes: minutes, cap },
      ),
    ];
  },
};

const MODE = { in_person: { zh: "现场会议", en: "in person" }, video: { zh: "视频会议", en: "by video" } } as const;

export const meetingAttendance: Rule = {
  code: "MEETING_ATTENDANCE",
  description: { "zh-CN": "会议占用基层的人时", en: "Grassroots hours a meeting takes" },
  run: (burden, ctx) => {
    if (burden.kind !== "meeting") return [];
    const { lengthMinutes, attendeesPerTarget, mode } = burden.details;
    const targets = ctx.targets.length;
    const personHours = Math.round(((lengthMinutes * attendeesPerTarget * targets) / 60) * 10) / 10;
    return [
      finding(
        "MEETING_ATTENDANCE",
        "info",
        `本次${MODE[mode].zh}占用基层共 ${personHours} 人·小时：${targets} 个单位 × 每单位 ${attendeesPerTarget} 人 × ${lengthMinutes} 分钟`,
        `This meeting (${MODE[mode].en}) takes ${personHours} person-hours from the grassroots: ${count(targets, "unit")} × ${count(attendeesPerTarget, "attendee")} × ${lengthMinutes} minutes`,
        { personHours, targets, attendeesPerTarget, lengthMinutes, mode },
      ),
    ];
  },
};

/**
 * 陪会: grassroots cadres called to a meeting about work that is not theirs. A township whose duty list
 * holds nothing close to the meeting's topic (the match the gate makes for every burden) should not be
 * sent attendees; the office decides.
 */
export const accompanyingMeeting: Rule = {
  code: "ACCOMPANYING_MEETING",
  description: { "zh-CN": "要求与会议主题无关的基层干部陪会", en: "Grassroots cadres called to a meeting that is not about their duties" },
  run: (burden, ctx) => {
    if (burden.kind !== "meeting") return [];
    const threshold = ctx.settings.dutyMatchSimilarity;
    const unrelated = ctx.duty.filter((d) => d.hasList && !d.cited && !(d.best && d.best.score >= threshold));
    if (unrelated.length === 0) return [];
    const names = unrelated.map((d) => d.townshipName);
    const all = unrelated.length === ctx.duty.filter((d) => d.hasList).length;
    return [
      finding(
        "ACCOMPANYING_MEETING",
        "review",
        `会议主题与${namesZh(names, "乡镇（街道）")}的履职事项清单均不相符（最高相似度 ${pct(Math.max(0, ...unrelated.map((d) => d.best?.score ?? 0)))}），` +
          `${all ? "要求基层参会属陪会" : "这些乡镇及其村不应派人陪会"}；请只通知职责相关的单位参会`,
        `The meeting's topic matches nothing on the duty lists of ${namesEn(names)}: ` +
          `${all ? "calling the grassroots to it is accompanying for show (陪会)" : "those townships and their villages should not send attendees"}; invite only the units whose duties it concerns`,
        { threshold, townships: unrelated.map((d) => ({ code: d.townshipCode, name: d.townshipName, best: d.best })) },
      ),
    ];
  },
};

/**
 * 层层开会: a higher meeting on the same topic held a few days before is met again, level by level, each
 * time taking the grassroots' hours. The relayed parent, the higher meeting named as relayed
 * (details.relaysMeetingId, as the meetings register records it), or an admitted meeting to the same
 * targets that the duplicate search found alike, within the region's window.
 */
export const layeredMeeting: Rule = {
  code: "LAYERED_MEETING",
  description: { "zh-CN": "层层开会：上级会议后短期内就同一主题再开会", en: "Meetings relayed level by level on the same topic" },
  run: (burden, ctx) => {
    if (burden.kind !== "meeting") return [];
    const days = ctx.settings.layeredMeetingDays;
    const since = addDays(burden.deadline, -days);
    const within = (date: string) => date >= since && date <= burden.deadline;
    const parent = ctx.parent && ctx.parent.kind === "meeting" && within(ctx.parent.deadline) ? { title: ctx.parent.title, date: ctx.parent.deadline, by: null } : null;
    const named = ctx.relayedMeeting && ctx.relayedMeeting.id !== burden.id && within(ctx.relayedMeeting.deadline) ? { title: ctx.relayedMeeting.title, date: ctx.relayedMeeting.deadline, by: ctx.relayedMeeting.issuerName } : null;
    const alike = ctx.similar.find((s) => s.kind === "meeting" && s.similarity >= ctx.settings.duplicateSimilarity && s.id !== burden.id && within(s.deadline));
    const higher = parent ?? named ?? (alike ? { title: alike.title, date: alike.deadline, by: alike.issuerName } : null);
    if (!higher) return [];
    const byZh = higher.by ? `${higher.by}` : "上级";
    const byEn = higher.by ? ` of ${higher.by}` : "";
    return [
      finding(
        "LAYERED_MEETING",
        "review",
        `${byZh}已于 ${higher.date} 召开“${higher.title}”，本次会议在 ${days} 天内就同一主题再开，属层层开会；请以视频会议一开到底或与上级会议套开，不再逐级传达`,
        `“${higher.title}”${byEn} met on ${higher.date}; this meeting takes up the same topic within ${count(days, "day")}: meetings relayed level by level. Hold one video meeting down to the grassroots, or join the higher one, instead of relaying it`,
        { days, relays: higher },
      ),
    ];
  },
};

export const meetingRules: Rule[] = [generalMeetingLimit, speechTooLong, accompanyingMeeting, layeredMeeting, meetingAttendance];
