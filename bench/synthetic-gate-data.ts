import { randomUUID } from "node:crypto";
import type { BurdenInput, BurdenKind, Frequency, Targets } from "../src/contracts/burdens.js";
import type { DutyItemInput, DutyPart } from "../src/contracts/duties.js";
import { formatAdmissionNumber } from "../src/server/modules/burdens/admission-number.js";
import { yearlyMinutes } from "../src/server/modules/burdens/hours.js";
import { RAOHE_TEMPLATE_V2 } from "../src/server/modules/duties/demo-data.js";
import { seededRandom } from "./synthetic-hierarchy.js";

/**
 * Synthetic data of the admission gate at national scale, deterministic for a seed: county duty-list
 * templates and townships' differences (rows exactly as duties/versions.ts writes them), and admitted
 * burdens as burdens/registry.ts leaves them (targets are expanded in SQL by gate.bench.ts).
 * Names and texts are drawn from a vocabulary of real duty-list and notice wording, so that the
 * gate's Chinese text similarity has real work to do.
 */

/** Items of a county template as reported for 2025: 117 basic, 99 cooperative, 124 returned (340). */
export const TEMPLATE_PARTS: Record<DutyPart, number> = { basic: 117, cooperative: 99, returned: 124 };
/** Share of townships whose list differs from their county's template. */
export const DIFFERING_SHARE = 0.05;
/** Department units created under each county, the issuers of county burdens. */
export const DEPARTMENTS: { suffix: string; name: string }[] = [
  { suffix: "01", name: "农业农村局" },
  { suffix: "02", name: "统计局" },
  { suffix: "03", name: "民政局" },
  { suffix: "04", name: "应急管理局" },
];

// ---- vocabulary -------------------------------------------------------------------------------

/** Fields of township work, as duty lists and notices name them. */
export const SUBJECTS = [
  "耕地保护", "高标准农田建设", "农村宅基地", "农村集体资产", "土地承包经营", "粮食生产", "农业技术推广", "动物防疫",
  "农作物病虫害防治", "农产品质量安全", "农村人居环境整治", "村庄清洁", "农村厕所改造", "生活垃圾分类", "农村供水",
  "河湖管护", "森林防火", "林草资源保护", "野生动物保护", "地质灾害防治", "防汛抗旱", "安全生产", "消防安全",
  "道路交通安全", "食品安全", "药品安全", "特种设备安全", "燃气安全", "城乡居民医疗保险", "城乡居民养老保险",
  "最低生活保障", "特困人员救助供养", "临时救助", "残疾人服务", "老年人关爱服务", "留守儿童关爱", "退役军人服务",
  "就业创业服务", "农民工工资支付", "义务教育控辍保学", "学生资助", "基本公共卫生服务", "传染病防控", "爱国卫生运动",
  "计划生育奖励扶助", "殡葬改革", "地名和界桩管理", "人民调解", "信访接待", "社会治安综合治理", "网格化服务管理",
  "禁毒宣传", "反电信网络诈骗", "普法宣传", "民兵组织建设", "征兵宣传", "统一战线", "民族宗教事务", "意识形态",
  "党员教育管理", "村级组织建设", "村务公开", "村级集体经济", "乡村振兴", "防止返贫监测", "特色产业发展", "招商引资",
  "文化市场管理", "文物保护", "公共文化服务", "全民健身", "新时代文明实践", "移风易俗", "生态环境保护", "大气污染防治",
  "秸秆禁烧", "水土保持", "矿产资源保护", "建筑工程质量", "农村危房改造", "乡村建设规划", "统计调查", "人口普查",
  "经济普查", "农业普查", "档案管理", "政务服务", "便民服务", "应急管理", "自然灾害救助", "救灾物资储备", "价格监督",
  "市场主体登记", "校外培训管理", "烟花爆竹安全", "河道采砂管理", "公路超限超载治理", "违法用地整治", "违法建设治理",
  "林木采伐管理", "渔业资源保护", "畜禽养殖污染防治", "农药兽药管理", "种子市场管理", "农机安全", "电动自行车安全",
];

export const ACTIONS: Record<DutyPart, string[]> = {
  basic: [
    "日常管理", "日常巡查", "宣传教育", "信息报送", "组织实施", "摸底排查", "矛盾纠纷化解", "动态监测", "申请受理",
    "入户调查", "政策宣传", "服务保障", "隐患排查和报告", "问题发现报告", "日常监督", "组织动员", "先期处置",
  ],
  cooperative: [
    "配合开展专项整治", "协助数据采集", "配合监督检查", "协助政策落实", "配合宣传动员", "协助核查核实", "配合应急处置",
    "协助信息采集和上报", "配合开展调查", "协助组织实施", "配合资金发放公示", "协助对象认定",
  ],
  returned: [
    "行政执法检查", "行政处罚", "行政许可审批", "监督抽检", "立案查处", "执法监管", "资格审核认定", "专项审计",
    "监测检测", "许可证核发", "事故调查处理", "质量鉴定",
  ],
};

export const LAWS = [
  "《中华人民共和国农业法》", "《中华人民共和国土地管理法》", "《中华人民共和国村民委员会组织法》", "《中华人民共和国安全生产法》",
  "《中华人民共和国森林法》", "《中华人民共和国水法》", "《中华人民共和国防洪法》", "《中华人民共和国食品安全法》",
  "《中华人民共和国社会保险法》", "《社会救助暂行办法》", "《中华人民共和国统计法》", "《中华人民共和国环境保护法》",
  "《中华人民共和国传染病防治法》", "《中华人民共和国兵役法》", "《中华人民共和国乡村振兴促进法》", "《信访工作条例》",
  "《中华人民共和国人民调解法》", "《中华人民共和国消防法》", "《中华人民共和国动物防疫法》", "《地质灾害防治条例》",
  "《中华人民共和国义务教育法》", "《中华人民共和国残疾人保障法》", "《中华人民共和国老年人权益保障法》", "《中华人民共和国行政处罚法》",
];

const LEAD_DEPARTMENTS = [
  "县农业农村局", "县自然资源局", "县应急管理局", "县民政局", "县统计局", "县卫生健康局", "县市场监督管理局", "县水务局",
  "县林业和草原局", "县公安局", "县人力资源和社会保障局", "县教育局", "县住房和城乡建设局", "县医疗保障局", "县生态环境分局",
  "县交通运输局", "县文体广电和旅游局", "县退役军人事务局", "县司法局", "县人民武装部",
];

const FORM_NAMES = ["统计表", "情况表", "调查表", "登记表", "汇总表", "明细表", "信息表", "报表", "台账"];
const TASK_NAMES = ["专项整治", "集中排查", "宣传月活动", "入户走访", "摸底调查", "大排查大整治", "百日攻坚行动", "季度督导"];

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const between = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

// ---- duty lists -------------------------------------------------------------------------------

/** A row of duty_items as versions.ts writes it (itemRow): version id and province added by the loader. */
export type DutyItemRow = {
  key: string;
  op: "item" | "add" | "change" | "remove";
  part: DutyPart;
  name: string;
  legalBasis: string | null;
  leadDepartment: string | null;
  note: string | null;
  position: number;
};

const LETTER: Record<DutyPart, string> = { basic: "B", cooperative: "C", returned: "R" };
const PARTS: DutyPart[] = ["basic", "cooperative", "returned"];
const key = (prefix: "" | "T", part: DutyPart, n: number) => `${prefix}${LETTER[part]}${String(n).padStart(3, "0")}`;

function generatedName(rand: () => number, part: DutyPart): string {
  const subject = pick(rand, SUBJECTS);
  const action = pick(rand, ACTIONS[part]);
  // One name in five names two fields (“A和B…”), as published lists often do.
  return rand() < 0.2 ? `${subject}和${pick(rand, SUBJECTS)}${action}` : `${subject}${action}`;
}

const REAL_BY_PART: Record<DutyPart, DutyItemInput[]> = {
  basic: RAOHE_TEMPLATE_V2.filter((i) => i.part === "basic"),
  cooperative: RAOHE_TEMPLATE_V2.filter((i) => i.part === "cooperative"),
  returned: RAOHE_TEMPLATE_V2.filter((i) => i.part === "returned"),
};

/**
 * A county's template, as createTemplateVersion stores it: basic, cooperative and returned items in
 * that order, keys B001…/C001…/R001… by part (assignKeys on a first version), positions 1..340 over
 * the whole list. Most real items of a published list come first (each county keeps most of them),
 * the rest are drawn from the vocabulary; names are unique within a part.
 */
export function countyTemplate(seed: number): DutyItemRow[] {
  const rand = seededRandom(seed);
  const rows: DutyItemRow[] = [];
  for (const part of PARTS) {
    const names = new Set<string>();
    const items: { name: string; legalBasis: string | null; leadDepartment: string | null }[] = [];
    for (const real of REAL_BY_PART[part]) {
      if (rand() < 0.85 && !names.has(real.name)) {
        names.add(real.name);
        items.push({ name: real.name, legalBasis: real.legalBasis ?? null, leadDepartment: real.leadDepartment ?? null });
      }
    }
    while (items.length < TEMPLATE_PARTS[part]) {
      const name = generatedName(rand, part);
      if (names.has(name)) continue;
      names.add(name);
      items.push({ name, legalBasis: pick(rand, LAWS), leadDepartment: part === "basic" ? null : pick(rand, LEAD_DEPARTMENTS) });
    }
    items.forEach((item, i) => rows.push({ key: key("", part, i + 1), op: "item", part, name: item.name, legalBasis: item.legalBasis, leadDepartment: item.leadDepartment, note: null, position: 0 }));
  }
  rows.forEach((r, i) => (r.position = i + 1));
  return rows;
}

/**
 * A township's differences as setTownshipDifferences stores them: its own items ("add", keys TB001…,
 * positions 1..n among the additions), changed template items ("change", the template item's key and
 * position) and removed ones ("remove", a copy of the template row).
 */
export function townshipDifferences(template: readonly DutyItemRow[], seed: number): DutyItemRow[] {
  const rand = seededRandom(seed);
  const taken = new Set(template.map((r) => `${r.part}|${r.name}`));
  const rows: DutyItemRow[] = [];
  const next: Record<DutyPart, number> = { basic: 1, cooperative: 1, returned: 1 };
  const adds = between(rand, 1, 3);
  for (let i = 0; rows.length < adds && i < 100; i++) {
    const part: DutyPart = rand() < 0.6 ? "basic" : "cooperative";
    const name = generatedName(rand, part);
    if (taken.has(`${part}|${name}`)) continue;
    taken.add(`${part}|${name}`);
    rows.push({ key: key("T", part, next[part]++), op: "add", part, name, legalBasis: pick(rand, LAWS), leadDepartment: part === "basic" ? null : pick(rand, LEAD_DEPARTMENTS), note: null, position: rows.length + 1 });
  }
  const touched = new Set<string>();
  const changes = between(rand, 0, 2);
  const removes = between(rand, 0, 2);
  for (let i = 0; i < changes + removes; i++) {
    const base = pick(rand, template);
    if (touched.has(base.key)) continue;
    touched.add(base.key);
    if (i < changes) {
      const name = `${base.name}（含辖区${pick(rand, SUBJECTS)}）`;
      if (taken.has(`${base.part}|${name}`)) continue;
      taken.add(`${base.part}|${name}`);
      rows.push({ ...base, op: "change", name, note: null });
    } else rows.push({ ...base, op: "remove" });
  }
  return rows;
}

// ---- burdens ----------------------------------------------------------------------------------

export type GateTownship = { code: string; name: string; path: string; provinceCode: string; villages: string[] };
export type GateCounty = { code: string; name: string; path: string; provinceCode: string; townships: GateTownship[]; departments: { code: string; path: string; name: string }[] };

/** A burden row as the registry leaves an admitted one (targets are expanded from target_spec in SQL). */
export type BurdenRow = {
  id: string;
  kind: BurdenKind;
  issuerCode: string;
  issuerPath: string;
  provinceCode: string;
  title: string;
  text: string;
  issuedOn: string;
  deadline: string;
  frequency: Frequency;
  minutesPerTarget: number;
  targetSpec: Targets;
  targetCount: number;
  dutyItem: string | null;
  details: Record<string, unknown>;
  yearlyMinutes: number;
  admissionNumber: string;
};

const KINDS: [BurdenKind, number][] = [
  ["task", 0.34], ["form", 0.3], ["meeting", 0.12], ["document", 0.1], ["inspection", 0.06], ["evaluation", 0.02],
  ["app", 0.015], ["workgroup", 0.015], ["secondment", 0.01], ["plaque", 0.01], ["proof", 0.01],
];
const FREQUENCIES: [Frequency, number, [number, number]][] = [
  // frequency, share, minutes per target per occurrence
  ["once", 0.72, [30, 240]], ["monthly", 0.1, [30, 120]], ["quarterly", 0.07, [60, 180]], ["yearly", 0.06, [60, 480]],
  ["weekly", 0.04, [15, 60]], ["daily", 0.01, [5, 20]],
];

function weighted<T extends [unknown, number, ...unknown[]]>(rand: () => number, table: readonly T[]): T {
  let r = rand();
  for (const row of table) {
    if (r < row[1]) return row;
    r -= row[1];
  }
  return table[table.length - 1]!;
}

export const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A title and a text in the wording of county and township notices. */
export function burdenWording(rand: () => number, kind: BurdenKind, issuerName: string, deadline: string): { title: string; text: string; subject: string } {
  const subject = pick(rand, SUBJECTS);
  const form = pick(rand, FORM_NAMES);
  const task = pick(rand, TASK_NAMES);
  const title =
    kind === "form"
      ? pick(rand, [`关于填报${subject}${form}的通知`, `关于报送${deadline.slice(0, 4)}年${subject}${form}的通知`, `${subject}${form}`])
      : kind === "task"
        ? pick(rand, [`关于开展${subject}${task}的通知`, `开展${subject}${task}`, `关于做好${subject}工作的通知`])
        : kind === "meeting"
          ? pick(rand, [`全县${subject}工作推进会`, `${subject}工作视频调度会`, `${subject}工作部署会议`])
          : kind === "document"
            ? pick(rand, [`关于进一步加强${subject}工作的实施意见`, `${subject}工作实施方案`, `关于印发${subject}工作要点的通知`])
            : kind === "inspection"
              ? pick(rand, [`${subject}工作专项督查`, `${deadline.slice(0, 4)}年度${subject}工作考核`, `${subject}${task}督导检查`])
              : kind === "evaluation"
                ? `${subject}示范村创建评选`
                : `${subject}${pick(rand, ["政务应用推广", "工作群管理", "人员借调", "示范点挂牌", "证明出具"])}`;
  const sentences = [
    `为深入贯彻落实上级关于${subject}工作的决策部署，${issuerName}决定在全县范围内开展${subject}${task}。`,
    `请各乡镇（街道）、各村（社区）对照${subject}工作要求，认真开展自查，如实填写${subject}${form}。`,
    `各单位要高度重视，明确专人负责，确保数据真实准确、不漏不重。`,
    `重点核查${pick(rand, SUBJECTS)}和${pick(rand, SUBJECTS)}方面存在的突出问题，建立问题清单，逐项整改销号。`,
    `请于${deadline}前将有关材料报送${issuerName}，逾期未报的予以通报。`,
    `工作中要注重实效，不得层层加码，切实减轻基层负担。`,
    `联系人：${pick(rand, ["张", "王", "李", "赵", "刘", "陈"])}${pick(rand, ["同志", "科长", "主任"])}，联系电话见附件。`,
  ];
  if (rand() < 0.15) sentences.push(`报送时需附现场照片和工作台账，作为佐证材料。`);
  if (rand() < 0.03) sentences.push(`各村完成情况将每周通报排名。`);
  const count = between(rand, 3, sentences.length);
  const text = sentences.slice(0, count).join("");
  return { title, text, subject };
}

function detailsOf(rand: () => number, kind: BurdenKind, subject: string): Record<string, unknown> {
  switch (kind) {
    case "form":
      return { fieldCount: between(rand, 8, 60) };
    case "meeting":
      return { lengthMinutes: pick(rand, [60, 90, 120]), attendeesPerTarget: between(rand, 1, 3), mode: rand() < 0.5 ? "video" : "in_person", general: rand() < 0.05, speechMinutes: between(rand, 20, 60) };
    case "document":
      return { head: rand() < 0.8 ? "red" : "white", scope: rand() < 0.7 ? "specific" : "general" };
    case "inspection":
      return { comprehensive: rand() < 0.1, onSite: rand() < 0.8, planItemCode: `JC${between(rand, 1, 40)}` };
    case "evaluation":
      return { category: pick(rand, ["commendation", "demonstration", "festival_forum"]), approvalCode: `PB${between(rand, 1, 20)}` };
    case "secondment":
      return { persons: between(rand, 1, 3), months: between(rand, 1, 6) };
    case "app":
      return { appName: `${subject}通`, demands: [] };
    case "workgroup":
      return { groupName: `${subject}工作群`, demands: [] };
    case "plaque":
      return { plaqueName: `${subject}工作站` };
    case "proof":
      return { proofName: "居住证明" };
    default:
      return {};
  }
}

/**
 * Admitted burdens over the national hierarchy. Issuers: county departments (60%) and townships (40%).
 * Targets, as issuers give them: a township's villages mostly, some a few villages, county departments
 * also all townships of the county or (4%) all its villages. Issue dates spread over the 330 days before
 * `today` and 20 after; one-off deadlines 3–45 days later, recurring ones 2–12 months.
 */
export function* admittedBurdens(counties: readonly GateCounty[], count: number, today: string, seed: number): Generator<BurdenRow> {
  const rand = seededRandom(seed);
  const sequences = new Map<string, number>();
  for (let n = 0; n < count; n++) {
    const county = pick(rand, counties);
    const township = pick(rand, county.townships);
    const byDepartment = rand() < 0.6;
    const department = pick(rand, county.departments);
    const issuer = byDepartment ? { code: department.code, path: department.path, name: department.name } : { code: township.code, path: township.path, name: township.name };
    let targetSpec: Targets;
    let targetCount: number | undefined;
    const r = rand();
    const someVillages = (from: GateTownship[], k: number) => {
      const codes = new Set<string>();
      for (let i = 0; i < k * 3 && codes.size < k; i++) codes.add(pick(rand, pick(rand, from).villages));
      return [...codes];
    };
    if (!byDepartment) {
      if (r < 0.75) [targetSpec, targetCount] = [{ under: township.code, level: "village" }, township.villages.length];
      else targetSpec = someVillages([township], between(rand, 1, 4));
    } else if (r < 0.04) [targetSpec, targetCount] = [{ under: county.code, level: "village" }, county.townships.reduce((s, t) => s + t.villages.length, 0)];
    else if (r < 0.3) [targetSpec, targetCount] = [{ under: county.code, level: "township" }, county.townships.length];
    else if (r < 0.8) [targetSpec, targetCount] = [{ under: township.code, level: "village" }, township.villages.length];
    else if (r < 0.9) targetSpec = someVillages(county.townships, between(rand, 2, 6));
    else {
      const codes = new Set<string>();
      for (let i = 0, k = between(rand, 1, 3); i < k * 3 && codes.size < k; i++) codes.add(pick(rand, county.townships).code);
      targetSpec = [...codes];
    }
    targetCount ??= Array.isArray(targetSpec) ? targetSpec.length : 0;

    const [kind] = weighted(rand, KINDS);
    const [frequency, , [lo, hi]] = weighted(rand, FREQUENCIES);
    const issuedOn = addDays(today, between(rand, -330, 20));
    const deadline = frequency === "once" ? addDays(issuedOn, between(rand, 3, 45)) : addDays(issuedOn, between(rand, 60, 365));
    const wording = burdenWording(rand, kind, issuer.name, deadline);
    const minutesPerTarget = between(rand, lo, hi);
    const year = Number(issuedOn.slice(0, 4));
    const region = issuer.code.slice(0, 6);
    const seq = (sequences.get(`${region}|${year}`) ?? 0) + 1;
    sequences.set(`${region}|${year}`, seq);
    yield {
      id: randomUUID(),
      kind,
      issuerCode: issuer.code,
      issuerPath: issuer.path,
      provinceCode: county.provinceCode,
      title: wording.title,
      text: wording.text,
      issuedOn,
      deadline,
      frequency,
      minutesPerTarget,
      targetSpec,
      targetCount,
      dutyItem: (kind === "task" || kind === "form") && rand() < 0.3 ? `${wording.subject}` : null,
      details: detailsOf(rand, kind, wording.subject),
      yearlyMinutes: yearlyMinutes({ minutesPerTarget, frequency }, targetCount),
      admissionNumber: formatAdmissionNumber(region, year, seq),
    };
  }
}

// ---- the checks measured ----------------------------------------------------------------------

export type CheckScenario = "county form → all villages of a county" | "township task → its villages" | "county inspection → all townships";
export const SCENARIOS: CheckScenario[] = ["county form → all villages of a county", "township task → its villages", "county inspection → all townships"];

/** What a department or township would send to POST /api/admission/check (before schema defaults). */
export function checkInput(rand: () => number, scenario: CheckScenario, county: GateCounty, today: string): { input: BurdenInput; issuerCode: string } {
  const deadline = addDays(today, between(rand, 8, 30));
  const township = pick(rand, county.townships);
  const base = { issuedOn: today, deadline, frequency: "once" as const, minutesPerTarget: between(rand, 30, 180) };
  if (scenario === "county form → all villages of a county") {
    const issuer = county.departments.find((d) => d.code.endsWith("D02")) ?? county.departments[0]!;
    const w = burdenWording(rand, "form", issuer.name, deadline);
    return { issuerCode: issuer.code, input: { ...base, kind: "form", issuer: issuer.code, targets: { under: county.code, level: "village" }, title: w.title, text: w.text, dutyItem: rand() < 0.5 ? "统计调查和统计报表报送" : undefined, details: { fieldCount: between(rand, 10, 40) } } };
  }
  if (scenario === "township task → its villages") {
    const w = burdenWording(rand, "task", township.name, deadline);
    return { issuerCode: township.code, input: { ...base, kind: "task", issuer: township.code, targets: { under: township.code, level: "village" }, title: w.title, text: w.text, details: {} } };
  }
  const issuer = county.departments.find((d) => d.code.endsWith("D01")) ?? county.departments[0]!;
  const w = burdenWording(rand, "inspection", issuer.name, deadline);
  return {
    issuerCode: issuer.code,
    input: { ...base, kind: "inspection", issuer: issuer.code, targets: { under: county.code, level: "township" }, title: w.title, text: w.text, details: { comprehensive: false, onSite: true, planItemCode: "JC1" } },
  };
}
