import type { Quantity } from "../../../../../contracts/burdens.js";
import { occurrencesPerYear } from "../../hours.js";
import { finding, type Rule } from "../types.js";
import { count } from "./text.js";

/**
 * 层层加码: a level relaying a burden down may not make it heavier than the parent it received — a
 * larger quantity for the same period, an earlier deadline, more minutes per target, or more often.
 */

const PER_ZH: Record<Quantity["per"], string> = { once: "共", day: "每天", week: "每周", month: "每月", quarter: "每季度", year: "每年" };
const PER_EN: Record<Quantity["per"], string> = { once: "in all", day: "a day", week: "a week", month: "a month", quarter: "a quarter", year: "a year" };
const PER_YEAR: Record<Quantity["per"], number> = { once: 0, day: 365, week: 52, month: 12, quarter: 4, year: 1 };
const FREQUENCY_ZH = { once: "只做一次", daily: "每天一次", weekly: "每周一次", monthly: "每月一次", quarterly: "每季度一次", yearly: "每年一次" } as const;
const FREQUENCY_EN = { once: "once", daily: "daily", weekly: "weekly", monthly: "monthly", quarterly: "quarterly", yearly: "yearly" } as const;

const showZh = (q: Quantity) => `${PER_ZH[q.per]} ${q.value} ${q.unit}`;
const showEn = (q: Quantity) => `${q.value} ${q.unit} ${PER_EN[q.per]}`;

/** The child's quantity is larger when, brought to the same period, it asks more of the same unit. */
function quantityIncrease(parent: Quantity, child: Quantity): { zh: string; en: string } | null {
  if (parent.unit.trim() !== child.unit.trim()) return null;
  if (parent.per === child.per) {
    return child.value > parent.value ? { zh: showZh(parent), en: showEn(parent) } : null;
  }
  if (parent.per === "once" || child.per === "once") return null;
  const parentYearly = parent.value * PER_YEAR[parent.per];
  const childYearly = child.value * PER_YEAR[child.per];
  if (childYearly <= parentYearly) return null;
  return {
    zh: `${showZh(parent)}（折合每年 ${Math.round(parentYearly)} ${parent.unit}，本事项折合 ${Math.round(childYearly)} ${child.unit}）`,
    en: `${showEn(parent)} (${Math.round(parentYearly)} a year, against this burden's ${Math.round(childYearly)})`,
  };
}

export const layeredIncrease: Rule = {
  code: "LAYERED_INCREASE",
  description: { "zh-CN": "层层加码：转发时提高数量、提前时限、增加频次或工作量", en: "Layered increase: a relay asks more, sooner, more often or longer than its parent" },
  run: (burden, ctx) => {
    const parent = ctx.parent;
    if (!parent) return [];
    const zh: string[] = [];
    const en: string[] = [];
    const aspects: string[] = [];
    if (parent.quantity && burden.quantity) {
      const more = quantityIncrease(parent.quantity, burden.quantity);
      if (more) {
        aspects.push("quantity");
        zh.push(`上级要求${more.zh}，本事项要求${showZh(burden.quantity)}`);
        en.push(`the parent asks ${more.en}, this burden ${showEn(burden.quantity)}`);
      }
    }
    if (burden.deadline < parent.deadline) {
      aspects.push("deadline");
      zh.push(`上级截止日期为 ${parent.deadline}，本事项提前至 ${burden.deadline}`);
      en.push(`the parent is due ${parent.deadline}, this burden earlier, ${burden.deadline}`);
    }
    if (burden.minutesPerTarget > parent.minutesPerTarget) {
      aspects.push("minutesPerTarget");
      zh.push(`上级预计每个对象 ${parent.minutesPerTarget} 分钟，本事项增至 ${burden.minutesPerTarget} 分钟`);
      en.push(`the parent expects ${count(parent.minutesPerTarget, "minute")} per target, this burden ${burden.minutesPerTarget}`);
    }
    if (occurrencesPerYear(burden.frequency) > occurrencesPerYear(parent.frequency)) {
      aspects.push("frequency");
      zh.push(`上级要求${FREQUENCY_ZH[parent.frequency]}，本事项改为${FREQUENCY_ZH[burden.frequency]}`);
      en.push(`the parent runs ${FREQUENCY_EN[parent.frequency]}, this burden ${FREQUENCY_EN[burden.frequency]}`);
    }
    if (aspects.length === 0) return [];
    return [
      finding(
        "LAYERED_INCREASE",
        "block",
        `层层加码：转发上级事项“${parent.title}”时，${zh.join("；")}。转发不得提高数量、提前时限或增加频次和工作量`,
        `Layered increase: relaying “${parent.title}”, ${en.join("; ")}. A relay may not ask more, sooner, more often or longer than its parent`,
        {
          aspects,
          parent: { id: parent.id, title: parent.title, deadline: parent.deadline, quantity: parent.quantity, minutesPerTarget: parent.minutesPerTarget, frequency: parent.frequency },
          child: { deadline: burden.deadline, quantity: burden.quantity ?? null, minutesPerTarget: burden.minutesPerTarget, frequency: burden.frequency },
        },
      ),
    ];
  },
};
