import type { GateSettings } from "../types.js";

/**
 * The gate's thresholds when no region has set its own. Each region's office overrides what it needs
 * (the nearest ancestor wins); the rules read nothing but these.
 */
export const DEFAULT_GATE_SETTINGS: GateSettings = {
  /** A burden must leave the grassroots at least this many working days. */
  minWorkingDays: 5,
  /** No yearly cap per kind unless a region sets one (e.g. { form: 12, meeting: 20 }). */
  issuerYearlyCap: {},
  /** 40 hours a month of admitted burdens per village or township. */
  targetMonthlyMinutesCap: 2400,
  duplicateSimilarity: 0.6,
  dutyMatchSimilarity: 0.45,
  /** 《整治形式主义为基层减负若干规定》(2024), as reported: a general document ≤ 5,000 characters, a specific one ≤ 4,000. */
  documentMaxChars: { general: 5000, specific: 4000 },
  /** One general work meeting 全体会议 a year per system. */
  generalMeetingsPerYear: 1,
  /** Speeches at a meeting no longer than an hour. */
  speechMaxMinutes: 60,
  /** 层层开会: the same topic met again, level by level, within a week. */
  layeredMeetingDays: 7,
  /** One comprehensive inspection 综合性督查检查 a year per department. */
  comprehensiveInspectionsPerYear: 1,
  secondmentMaxMonths: 6,
  secondmentRepeatYears: 2,
  /** 留痕: demands that the grassroots prove work by photos, sign-ins, ledgers and screenshots. */
  traceWords: [
    "留痕",
    "拍照",
    "照片",
    "截图",
    "截屏",
    "签到",
    "打卡",
    "台账",
    "佐证材料",
    "工作日志",
    "工作笔记",
    "视频记录",
    "影像资料",
    "定位",
    "痕迹",
    "过程材料",
  ],
  /** 流量指标: fans, likes, shares, downloads, points and rankings imposed as targets. */
  trafficWords: [
    "粉丝",
    "涨粉",
    "关注量",
    "关注",
    "点赞",
    "转发",
    "分享",
    "下载",
    "安装",
    "注册",
    "积分",
    "排名",
    "阅读量",
    "浏览量",
    "点击量",
    "播放量",
    "评论量",
    "投票",
  ],
  /**
   * Proofs village and residents' committees may no longer issue: the first list of 《不应由基层群众性自治
   * 组织出具证明事项清单（第一批）》, 民政部等六部门《关于改进和规范基层群众性自治组织出具证明工作的指导意见》
   * (民发〔2020〕20号); provinces have published the same list with additions (e.g. Hubei, 21 items).
   */
  bannedProofs: [
    "亲属关系证明",
    "居民身份信息证明",
    "户口登记项目内容变更申请证明",
    "居民养犬证明",
    "无犯罪记录证明",
    "社区戒毒社区康复人员情况证明",
    "人员失踪证明",
    "婚姻状况证明",
    "出生证明",
    "健在证明",
    "死亡证明",
    "疾病状况证明",
    "残疾状况证明",
    "婚育状况证明",
    "居民就业状况证明",
    "居民个人档案证明",
    "居民财产证明",
    "遗产继承权证明",
    "市场主体住所证明",
    "证件遗失证明",
  ],
  registryMinutes: {
    /**
     * A proof issued: the cadre checks the fact (the village's records, a neighbour, sometimes a visit),
     * writes it, has it stamped and logs it — half an hour, an estimate; a region that has timed it sets its own.
     */
    proofIssued: 30,
    /**
     * A plaque hung on a village office, for a year: each comes with its rules on the wall, its ledger and
     * the checks of the body that gave it ("一块牌子一套台账") — one working day a year, an estimate.
     */
    plaqueYearly: 480,
    /** A working day of a seconded cadre lost to his own unit: the statutory 8-hour day (《国务院关于职工工作时间的规定》). */
    secondmentWorkingDay: 480,
  },
};
