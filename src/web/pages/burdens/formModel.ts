import dayjs, { type Dayjs } from "dayjs";
import {
  ZBurdenInput,
  type BurdenDetail,
  type BurdenInput,
  type BurdenKind,
  type Frequency,
  type Quantity,
} from "../../../contracts/burdens.js";
import type { Me } from "../../../contracts/org.js";
import type { Dict } from "../../i18n/zh-CN.js";

export type TargetMode = "units" | "rule";

/** The drafting form's values: the contract's BurdenInput in the shapes antd inputs produce. */
export type BurdenFormValues = {
  kind: BurdenKind;
  issuer?: string;
  targetMode: TargetMode;
  targetUnits?: string[];
  targetUnder?: string;
  targetLevel?: "township" | "village";
  title?: string;
  text?: string;
  issuedOn?: Dayjs | null;
  deadline?: Dayjs | null;
  frequency?: Frequency;
  minutesPerTarget?: number | null;
  quantity?: { value?: number | null; unit?: string; per?: Quantity["per"] };
  dutyItem?: string;
  /** Details are kept per kind, so switching the kind back and forth loses nothing. */
  details?: Partial<Record<BurdenKind, Record<string, unknown>>>;
  parentId?: string;
};

const ISO = "YYYY-MM-DD";

/** Drops empty entries (undefined, null, blank strings) so optional fields are absent, as the contract wants. */
function compact(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "")));
}

export type Parsed = { ok: true; input: BurdenInput } | { ok: false; paths: string[] };

/** Form values → BurdenInput, checked by the contract's own zod schema (the server checks the same). */
export function toInput(v: BurdenFormValues): Parsed {
  const targets = v.targetMode === "units" ? v.targetUnits : v.targetUnder ? { under: v.targetUnder, level: v.targetLevel } : undefined;
  const q = v.quantity;
  const quantity = q && q.value != null && q.unit?.trim() && q.per ? { value: q.value, unit: q.unit.trim(), per: q.per } : undefined;
  const raw = compact({
    kind: v.kind,
    issuer: v.issuer,
    targets: Array.isArray(targets) && targets.length === 0 ? undefined : targets,
    title: v.title,
    text: v.text,
    issuedOn: v.issuedOn?.format(ISO),
    deadline: v.deadline?.format(ISO),
    frequency: v.frequency,
    minutesPerTarget: v.minutesPerTarget,
    parentId: v.parentId,
    quantity,
    dutyItem: v.dutyItem,
    details: compact(v.details?.[v.kind] ?? {}),
  });
  const parsed = ZBurdenInput.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, paths: [...new Set(parsed.error.issues.map((i) => i.path.map(String).join(".")))] };
}

/** A field path of the contract, named in the user's language for "the form is not complete: …". */
export function pathLabel(path: string, t: Dict): string {
  const [head, sub] = path.split(".");
  if (head === "details" && sub && sub in t.detailFields) return t.detailFields[sub as keyof Dict["detailFields"]];
  if (head === "quantity") return t.burdenForm.quantity;
  if (head && head in t.burdenForm) {
    const label = t.burdenForm[head as keyof Dict["burdenForm"]];
    if (typeof label === "string") return label;
  }
  return path;
}

/** A new burden: issued by the user's own unit, to the townships of his region (his villages, for a township). */
export function newValues(me: Me): BurdenFormValues {
  const township = me.role === "township_official";
  return {
    kind: "task",
    issuer: me.scope.code,
    targetMode: "rule",
    targetUnder: township ? me.scope.code : me.regionCode,
    targetLevel: township ? "village" : "township",
    issuedOn: dayjs(),
    frequency: "once",
  };
}

/** A saved burden (draft or returned) back into the form. */
export function detailValues(d: BurdenDetail): BurdenFormValues {
  const rule = Array.isArray(d.targets) ? null : d.targets;
  return {
    kind: d.kind,
    issuer: d.issuer.code,
    targetMode: rule ? "rule" : "units",
    targetUnits: Array.isArray(d.targets) ? d.targets : undefined,
    targetUnder: rule?.under,
    targetLevel: rule?.level,
    title: d.title,
    text: d.text,
    issuedOn: dayjs(d.issuedOn),
    deadline: dayjs(d.deadline),
    frequency: d.frequency,
    minutesPerTarget: d.minutesPerTarget,
    quantity: d.quantity ?? undefined,
    dutyItem: d.dutyItem ?? undefined,
    details: { [d.kind]: d.details },
    parentId: d.parentId ?? undefined,
  };
}

/** Relaying an admitted burden down: the parent's content, to all villages of the user's township. */
export function relayValues(parent: BurdenDetail, me: Me): BurdenFormValues {
  return {
    ...detailValues(parent),
    issuer: me.scope.code,
    targetMode: "rule",
    targetUnits: undefined,
    targetUnder: me.scope.code,
    targetLevel: "village",
    issuedOn: dayjs(),
    parentId: parent.id,
  };
}
