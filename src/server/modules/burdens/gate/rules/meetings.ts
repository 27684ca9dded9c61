import { finding, type Rule } from "../types.js";
import { count } from "./text.js";

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

export const meetingRules: Rule[] = [generalMeetingLimit, speechTooLong, meetingAttendance];
