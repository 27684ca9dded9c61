import type { Severity } from "../../../../contracts/burdens.js";
import { ALL_RULES } from "./rules/index.js";
import { finding, type GateBurden, type GateContext, type RawFinding, type Rule } from "./types.js";

export type GateOutcome = "admitted" | "in_review" | "returned";

const SEVERITY_ORDER: Record<Severity, number> = { block: 0, review: 1, info: 2 };

/** A rule that throws must not take the gate down: its failure becomes a finding the office reviews. */
function runRule(rule: Rule, burden: GateBurden, ctx: GateContext): RawFinding[] {
  try {
    return rule.run(burden, ctx);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return [
      finding(
        "RULE_FAILED",
        "review",
        `准入规则 ${rule.code}（${rule.description["zh-CN"]}）运行出错，未能完成检查，需人工审核`,
        `The admission rule ${rule.code} (${rule.description.en}) failed and could not check this burden; it needs a human review`,
        { rule: rule.code, error: message },
      ),
    ];
  }
}

/**
 * Runs every rule on a burden: any block returns it, else any review sends it to the office, else it is
 * admitted. Findings come blocks first, then reviews, then notes, each in rule order.
 */
export function evaluateGate(burden: GateBurden, ctx: GateContext, rules: Rule[] = ALL_RULES): { findings: RawFinding[]; outcome: GateOutcome } {
  const findings = rules
    .flatMap((rule) => runRule(rule, burden, ctx))
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
  const outcome: GateOutcome = findings.some((f) => f.severity === "block")
    ? "returned"
    : findings.some((f) => f.severity === "review")
      ? "in_review"
      : "admitted";
  return { findings, outcome };
}
