import type { BurdenKind } from "../../../../../contracts/burdens.js";
import { finding, type DutyItemMatch, type DutyMatch, type GateBurden, type Rule } from "../types.js";
import { namesEn, namesZh, pct } from "./text.js";

/**
 * The township duty lists 乡镇（街道）履职事项清单: work handed to a township or its villages must fall
 * under its basic or cooperative duties; what was returned to the higher level 上级部门收回事项 may not
 * be pushed down again. Meetings, documents, inspections and the rest have their own rules; the list
 * speaks of tasks and the data they ask for.
 */
const DUTY_KINDS: ReadonlySet<BurdenKind> = new Set(["task", "form"]);

const applies = (burden: GateBurden) => DUTY_KINDS.has(burden.kind);

export const dutyNotListed: Rule = {
  code: "DUTY_NOT_LISTED",
  description: { "zh-CN": "事项不在乡镇履职事项清单内", en: "Not on the township's duty list" },
  run: (burden, ctx) => {
    if (!applies(burden)) return [];
    const threshold = ctx.settings.dutyMatchSimilarity;
    const withoutList = ctx.duty.filter((d) => !d.hasList);
    const unlisted = ctx.duty.filter((d) => d.hasList && !d.cited && !(d.best && d.best.score >= threshold));
    const out = [];
    if (unlisted.length) {
      const names = unlisted.map((d) => d.townshipName);
      const closest = unlisted.map((d) => d.best).filter((b): b is DutyItemMatch => !!b).sort((a, b) => b.score - a.score)[0];
      const cited = burden.dutyItem;
      const zhWhere = unlisted.length === 1 ? `${names[0]}的履职事项清单` : `${namesZh(names, "乡镇（街道）")}的履职事项清单`;
      const enWhere = unlisted.length === 1 ? `the duty list of ${names[0]}` : `the duty lists of ${namesEn(names)}`;
      const zhCited = cited ? `所引用的“${cited}”不在清单中；` : "";
      const enCited = cited ? `the cited item “${cited}” is not on the list; ` : "";
      const zhClosest = closest
        ? `最接近的清单事项“${closest.name}”相似度仅 ${pct(closest.score)}，低于 ${pct(threshold)}`
        : "清单中没有相近的事项";
      const enClosest = closest
        ? `the closest item “${closest.name}” matches only ${pct(closest.score)}, below ${pct(threshold)}`
        : "the list holds nothing similar";
      out.push(
        finding(
          "DUTY_NOT_LISTED",
          "review",
          `该事项不在${zhWhere}内：${zhCited}${zhClosest}。清单外事项须经减负办准入审核后方可交由基层承担`,
          `Not on ${enWhere}: ${enCited}${enClosest}. Work outside the list needs the burden-reduction office's review before it is handed down`,
          {
            threshold,
            citedItem: cited ?? null,
            townships: unlisted.map((d) => ({ code: d.townshipCode, name: d.townshipName, best: d.best })),
          },
        ),
      );
    }
    if (withoutList.length) {
      const names = withoutList.map((d) => d.townshipName);
      out.push(
        finding(
          "DUTY_LIST_MISSING",
          "info",
          `${namesZh(names, "乡镇（街道）")}尚无生效的履职事项清单，无法核对该事项是否属于其职责`,
          `${namesEn(names)} ${withoutList.length === 1 ? "has" : "have"} no duty list in force, so the task could not be checked against one`,
          { townships: withoutList.map((d) => ({ code: d.townshipCode, name: d.townshipName })) },
        ),
      );
    }
    return out;
  },
};

/** The item that decides: the one cited, if it was returned; else the closest one, if close enough and returned. */
function returnedItem(d: DutyMatch, threshold: number): DutyItemMatch | null {
  if (!d.hasList) return null;
  if (d.cited?.part === "returned") return d.cited;
  if (d.best && d.best.part === "returned" && d.best.score >= threshold) return d.best;
  return null;
}

export const dutyReturned: Rule = {
  code: "DUTY_RETURNED",
  description: { "zh-CN": "事项属于已收回上级部门的事项", en: "The work was returned to the higher level" },
  run: (burden, ctx) => {
    if (!applies(burden)) return [];
    const threshold = ctx.settings.dutyMatchSimilarity;
    const hits = ctx.duty.flatMap((d) => {
      const item = returnedItem(d, threshold);
      return item ? [{ township: d, item }] : [];
    });
    const first = hits[0];
    if (!first) return [];
    const names = hits.map((h) => h.township.townshipName);
    const item = first.item;
    const cited = first.township.cited === item;
    const how = cited ? "所引用的清单事项" : `相似度 ${pct(item.score)}`;
    const howEn = cited ? "the item cited" : `match ${pct(item.score)}`;
    const lead = item.leadDepartment ? `，应由${item.leadDepartment}承担` : "";
    const leadEn = item.leadDepartment ? `; it is ${item.leadDepartment}'s to do` : "";
    return [
      finding(
        "DUTY_RETURNED",
        "block",
        `“${item.name}”已列入${namesZh(names, "乡镇（街道）")}的上级部门收回事项（${how}）${lead}，不得再交由乡镇、村承担`,
        `“${item.name}” is on the list of work returned to the higher level for ${namesEn(names)} (${howEn})${leadEn}; it may not be pushed down to townships or villages again`,
        {
          threshold,
          townships: hits.map((h) => ({ code: h.township.townshipCode, name: h.township.townshipName, item: h.item })),
        },
      ),
    ];
  },
};

export const dutyRules: Rule[] = [dutyNotListed, dutyReturned];
