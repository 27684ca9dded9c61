import { z } from "zod";
import { APP_DEMANDS } from "./burdens.js";
import { ZUnitCode } from "./roles.js";

/**
 * 指尖减负: the ledger of government apps, official accounts and work groups 政务应用、公众号、工作群台账
 * that reach the grassroots ("指尖上的形式主义", formalism at the fingertips). Sichuan closed or merged over
 * 10,000 of them; the ledger shows who is asked to follow what, the banned demands, and what to merge.
 */
export const CHANNEL_KINDS = ["app", "account", "workgroup"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const CHANNEL_STATUSES = ["active", "closed", "merged"] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];
/** The grassroots posts a channel asks to join or follow: village cadres of villages, officials of townships. */
export const AUDIENCE_ROLES = ["village_cadre", "township_official"] as const;
export type AudienceRole = (typeof AUDIENCE_ROLES)[number];
export type AppDemand = (typeof APP_DEMANDS)[number];

export const CHANNEL_KIND_NAMES: Record<ChannelKind, { zh: string; en: string }> = {
  app: { zh: "政务应用", en: "app" },
  account: { zh: "公众号", en: "official account" },
  workgroup: { zh: "工作群", en: "work group" },
};
export const CHANNEL_STATUS_NAMES: Record<ChannelStatus, { zh: string; en: string }> = {
  active: { zh: "在用", en: "active" },
  closed: { zh: "已关停", en: "closed" },
  merged: { zh: "已整合", en: "merged" },
};
export const DEMAND_NAMES: Record<AppDemand, { zh: string; en: string }> = {
  check_in: { zh: "打卡签到", en: "check-ins" },
  points: { zh: "积分", en: "points" },
  online_time: { zh: "在线时长", en: "online time" },
  install_rate: { zh: "下载安装率", en: "install rate" },
  photo_upload: { zh: "上传照片", en: "photo uploads" },
  ranking: { zh: "排名通报", en: "rankings" },
  forwarding: { zh: "转发点赞", en: "forwarding" },
};
export const AUDIENCE_ROLE_NAMES: Record<AudienceRole, { zh: string; en: string }> = {
  village_cadre: { zh: "村干部", en: "village cadres" },
  township_official: { zh: "乡镇干部", en: "township officials" },
};

export const ZChannelInput = z
  .object({
    name: z.string().trim().min(2).max(60),
    kind: z.enum(CHANNEL_KINDS),
    platform: z.string().trim().max(30).optional().describe("微信, 钉钉, 政务微信, a standalone app…"),
    ownerUnit: ZUnitCode.describe("the department or unit that runs it (主办单位)"),
    audienceUnits: z.array(ZUnitCode).min(1).max(500).describe("townships, villages, or a county meaning all of them"),
    audienceRoles: z.array(z.enum(AUDIENCE_ROLES)).min(1).max(2),
    demands: z.array(z.enum(APP_DEMANDS)).max(APP_DEMANDS.length).default([]),
    minutesPerWeek: z.number().int().min(0).max(3000).describe("minutes a week it takes of each cadre asked to follow it"),
    admissionNumber: z.string().trim().max(40).optional(),
    note: z.string().trim().max(300).optional(),
  })
  .strict();
export type ChannelInput = z.infer<typeof ZChannelInput>;

export const ZChannelFlag = z.object({ code: z.string(), severity: z.enum(["block", "review"]), message: z.string() });
const ZUnitRef = z.object({ code: z.string(), name: z.string() });

export const ZChannel = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  platform: z.string().nullable(),
  owner: ZUnitRef,
  audienceUnits: z.array(ZUnitRef),
  audienceRoles: z.array(z.enum(AUDIENCE_ROLES)),
  demands: z.array(z.enum(APP_DEMANDS)),
  minutesPerWeek: z.number().int(),
  /** Grassroots posts (unit × role) asked to follow it, and the hours a week they spend on it together. */
  posts: z.number().int(),
  weeklyHours: z.number(),
  status: z.enum(CHANNEL_STATUSES),
  mergedInto: z.object({ id: z.string(), name: z.string() }).nullable(),
  decisionReason: z.string().nullable(),
  admissionNumber: z.string().nullable(),
  note: z.string().nullable(),
  flags: z.array(ZChannelFlag),
  /**
   * The admitted burden 准入事项 (kind app or workgroup) this channel is registered under, by its admission
   * number; null when none: a channel running without admission is a signal (flag NOT_ADMITTED).
   */
  burden: z.object({ id: z.string(), title: z.string(), admissionNumber: z.string() }).nullable(),
  /** Named cadres recorded as members 关注成员. */
  members: z.number().int(),
  can: z.array(z.enum(["decide", "undo", "members"])),
});
export type Channel = z.infer<typeof ZChannel>;

export const ZChannelListQuery = z.object({
  status: z.enum(CHANNEL_STATUSES).optional(),
  kind: z.enum(CHANNEL_KINDS).optional(),
  flagged: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
/** An app or work group admitted by the gate that no ledger row names: shown in the ledger, pointing at the burden. */
export const ZAdmittedChannelBurden = z.object({
  id: z.string(),
  kind: z.enum(["app", "workgroup"]),
  name: z.string().describe("the app's or group's name given in the burden"),
  title: z.string(),
  issuer: ZUnitRef,
  admissionNumber: z.string(),
  issuedOn: z.string(),
  demands: z.array(z.enum(APP_DEMANDS)),
});
export type AdmittedChannelBurden = z.infer<typeof ZAdmittedChannelBurden>;
export const ZChannelList = z.object({ total: z.number().int(), items: z.array(ZChannel), admittedNotInLedger: z.array(ZAdmittedChannelBurden) });
export const ZChannelIdParams = z.object({ id: z.uuid() });

export const ZChannelDecision = z.discriminatedUnion("action", [
  z.object({ action: z.literal("close"), reason: z.string().trim().min(4).max(300) }).strict(),
  z.object({ action: z.literal("merge"), mergeInto: z.uuid(), reason: z.string().trim().min(4).max(300) }).strict(),
]);
export type ChannelDecision = z.infer<typeof ZChannelDecision>;
/** 撤销关停/整合: the office undoes its decision, with a reason. */
export const ZChannelUndo = z.object({ reason: z.string().trim().min(4).max(300) }).strict();

/** Named cadres who must follow a channel 关注成员, by their usernames. */
export const ZChannelMembersInput = z.object({ usernames: z.array(z.string().trim().min(1).max(64)).min(1).max(500) }).strict();
export const ZChannelMemberParams = z.object({ id: z.uuid(), userId: z.uuid() });
export const ZChannelMember = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  unit: ZUnitRef,
  viaMerge: z.boolean().describe("brought in by a merge of another channel"),
});
export type ChannelMember = z.infer<typeof ZChannelMember>;
export const ZChannelMembers = z.object({ items: z.array(ZChannelMember) });
export const ZChannelMembersAdded = z.object({ added: z.number().int() });

/** GET /api/fingertips/cadres: per named cadre (a user), what he is a member of; the heaviest first. */
export const ZCadreLoadRow = z.object({
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
  role: z.enum(AUDIENCE_ROLES),
  unit: z.object({ code: z.string(), name: z.string() }),
  channels: z.number().int(),
  apps: z.number().int(),
  groups: z.number().int(),
  minutesPerWeek: z.number().int(),
  bannedDemands: z.number().int(),
  /** Active channels whose audience reaches his post (unit × role), recorded as member or not. */
  byAudience: z.number().int(),
  heaviest: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(CHANNEL_KINDS), minutesPerWeek: z.number().int() })),
});
export type CadreLoadRow = z.infer<typeof ZCadreLoadRow>;
export const ZCadreLoad = z.object({
  under: z.object({ code: z.string(), name: z.string() }),
  cadres: z.array(ZCadreLoadRow),
  totals: z.object({ cadres: z.number().int(), withMemberships: z.number().int(), memberships: z.number().int(), hoursPerYear: z.number() }),
});
export type CadreLoad = z.infer<typeof ZCadreLoad>;

/** GET /api/fingertips/load: per grassroots post (unit × role), what it is asked to follow. */
export const ZLoadQuery = z.object({ under: ZUnitCode.optional(), limit: z.coerce.number().int().min(1).max(5000).default(1000) });
export const ZLoadRow = z.object({
  unit: z.object({ code: z.string(), name: z.string(), level: z.string(), townshipName: z.string().nullable() }),
  role: z.enum(AUDIENCE_ROLES),
  channels: z.number().int(),
  apps: z.number().int(),
  groups: z.number().int(),
  minutesPerWeek: z.number().int(),
  bannedDemands: z.number().int(),
  heaviest: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(CHANNEL_KINDS), minutesPerWeek: z.number().int() })),
});
export type LoadRow = z.infer<typeof ZLoadRow>;
export const ZLoad = z.object({
  under: z.object({ code: z.string(), name: z.string() }),
  rows: z.array(ZLoadRow),
  /** Burden-hours 负担工时 per unit: every post of the unit summed, per week and per year (× 52). */
  units: z.array(z.object({ code: z.string(), name: z.string(), minutesPerWeek: z.number().int(), hoursPerYear: z.number() })),
  totals: z.object({ posts: z.number().int(), channels: z.number().int(), hoursPerWeek: z.number(), hoursPerYear: z.number() }),
});
export type Load = z.infer<typeof ZLoad>;

export const ZMergeProposal = z.object({
  keep: z.object({ id: z.string(), name: z.string(), owner: z.string(), posts: z.number().int() }),
  merge: z.object({ id: z.string(), name: z.string(), owner: z.string(), posts: z.number().int() }),
  score: z.number(),
  nameSimilarity: z.number(),
  overlap: z.number().describe("share of the smaller audience also in the other"),
  sameOwner: z.boolean(),
  reasons: z.array(z.string()),
});
export type MergeProposal = z.infer<typeof ZMergeProposal>;
export const ZFingertipMergeProposals = z.object({ items: z.array(ZMergeProposal) });

export const ZChannelImportResult = z.object({ created: z.number().int(), updated: z.number().int() });
