import { DEFAULT_GATE_SETTINGS } from "./defaults.js";
import { finding, type GateSettings, type RawFinding, type Rule } from "../types.js";
import { count, matchersFor, normalizeName } from "./text.js";

/**
 * What needs a prior approval kept in the office's registers: evaluations, demonstrations and festivals
 * 评比表彰、创建示范、节庆展会论坛 on the approved list; secondments 借调 by an approval document; proofs
 * a village committee may still issue 证明事项清单.
 */

const CATEGORY = {
  commendation: { zh: "评比表彰", en: "commendation" },
  demonstration: { zh: "创建示范", en: "demonstration campaign" },
  festival_forum: { zh: "节庆展会论坛", en: "festival, fair or forum" },
} as const;

export const unapprovedEvaluation: Rule = {
  code: "UNAPPROVED_EVALUATION",
  description: { "zh-CN": "评比表彰、创建示范、节庆展会论坛未经审批", en: "Evaluation, demonstration or festival not approved" },
  run: (burden, ctx) => {
    if (burden.kind !== "evaluation") return [];
    const { approvalCode, category } = burden.details;
    const approved = approvalCode ? ctx.registers.approvedEvaluations.find((e) => e.code === approvalCode) : undefined;
    if (approved) return [];
    const name = CATEGORY[category];
    const why = approvalCode
      ? { zh: `审批编号“${approvalCode}”不在经批准的年度项目清单中`, en: `the approval code “${approvalCode}” is not on the approved list of the year` }
      : { zh: "未填写审批编号", en: "no approval code is given" };
    return [
      finding(
        "UNAPPROVED_EVALUATION",
        "block",
        `${name.zh}项目未经审批：${why.zh}。未列入经批准清单的${name.zh}不得开展`,
        `This ${name.en} is not approved: ${why.en}. What is not on the approved list may not be held`,
        { category, approvalCode: approvalCode ?? null, approvedCount: ctx.registers.approvedEvaluations.length },
      ),
    ];
  },
};

export const secondmentUnapproved: Rule = {
  code: "SECONDMENT_UNAPPROVED",
  description: { "zh-CN": "借调基层干部未经审批或期限过长", en: "Secondment of grassroots cadres without approval, or too long" },
  run: (burden, ctx) => {
    if (burden.kind !== "secondment") return [];
    const { approvalDocument, persons, months } = burden.details;
    const out: RawFinding[] = [];
    if (!approvalDocument || !ctx.registers.secondmentApprovals.includes(approvalDocument)) {
      const why = approvalDocument
        ? { zh: `审批文件“${approvalDocument}”不在已备案的借调审批中`, en: `the approval document “${approvalDocument}” is not among the recorded approvals` }
        : { zh: "未提供审批文件", en: "no approval document is given" };
      out.push(
        finding(
          "SECONDMENT_UNAPPROVED",
          "block",
          `借调 ${persons} 名基层干部 ${months} 个月未经审批：${why.zh}。借调乡镇、村干部须按规定履行审批手续`,
          `Secondment of ${persons} grassroots cadre${persons === 1 ? "" : "s"} for ${months} month${months === 1 ? "" : "s"} without approval: ${why.en}. Seconding township or village cadres needs an approval`,
          { approvalDocument: approvalDocument ?? null, persons, months },
        ),
      );
    }
    const maxMonths = ctx.settings.secondmentMaxMonths ?? DEFAULT_GATE_SETTINGS.secondmentMaxMonths ?? 6;
    if (months > maxMonths) {
      out.push(
        finding(
          "SECONDMENT_TOO_LONG",
          "review",
          `借调期限 ${months} 个月，超过 ${maxMonths} 个月，基层长期缺人，请缩短期限或说明理由`,
          `A secondment of ${months} months is longer than ${maxMonths}: the grassroots lose the cadre for long; shorten it or give the reason`,
          { months, maxMonths, persons },
        ),
      );
    }
    return out;
  },
};

export type ProofStatus = { kind: "banned"; name: string } | { kind: "allowed"; name: string } | { kind: "unlisted" };

/**
 * Whether a village committee may issue a proof: one of the proofs it may no longer issue (the region's
 * banned list), one on the region's list of proofs it may issue, or neither. Names are compared
 * normalized, a banned name found inside the asked one (“开具亲属关系证明材料”) included.
 */
export function proofStatus(name: string, settings: GateSettings, allowed: readonly string[]): ProofStatus {
  const key = normalizeName(name);
  const banned = matchersFor(settings).bannedProofs.find((p) => key.includes(p.key) || (key.length >= 4 && p.key.includes(key)));
  if (banned) return { kind: "banned", name: banned.name };
  const listed = allowed.find((p) => normalizeName(p) === key);
  return listed ? { kind: "allowed", name: listed } : { kind: "unlisted" };
}

export const proofNotListed: Rule = {
  code: "PROOF_NOT_LISTED",
  description: { "zh-CN": "要求村（社区）出具不在清单内或已取消的证明", en: "A proof the village committee may not, or need not, issue" },
  run: (burden, ctx) => {
    if (burden.kind !== "proof") return [];
    const name = burden.details.proofName;
    const status = proofStatus(name, ctx.settings, ctx.registers.allowedProofs);
    if (status.kind === "banned") {
      const banned = status;
      return [
        finding(
          "PROOF_NOT_LISTED",
          "block",
          `“${name}”属于不应由村（居）民委员会出具的证明事项（“${banned.name}”），应由有关部门通过数据共享或自行核查，不得要求基层出具`,
          `“${name}” is a proof village and residents' committees may no longer issue (“${banned.name}”); the department must verify it itself or through shared data`,
          { proofName: name, banned: banned.name },
        ),
      ];
    }
    if (status.kind === "allowed") return [];
    const allowed = ctx.registers.allowedProofs;
    const why = allowed.length
      ? { zh: `不在本地区村级组织可出具证明事项清单（共 ${allowed.length} 项）内`, en: `it is not on the region's list of proofs a village committee may issue (${count(allowed.length, "item")})` }
      : { zh: "本地区尚未公布村级组织可出具证明事项清单，无法核对", en: "the region has published no list of proofs a village committee may issue, so it could not be checked" };
    return [
      finding(
        "PROOF_NOT_LISTED",
        "review",
        `“${name}”：${why.zh}。清单外的证明事项须经减负办审核`,
        `“${name}”: ${why.en}. A proof outside the list needs the burden-reduction office's review`,
        { proofName: name, allowedCount: allowed.length },
      ),
    ];
  },
};

export const registerRules: Rule[] = [unapprovedEvaluation, secondmentUnapproved, proofNotListed];
