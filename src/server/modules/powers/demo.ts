import type { PowerItemInput } from "../../../contracts/powers.js";
import type { Db } from "../../db/client.js";
import { firstDayOf, periodsEnding, periodOf, shiftPeriod } from "../../kernel/periods.js";
import { getUnits } from "../org/units.js";
import { powerExerciseRecords, powerExercises } from "./schema.js";
import { writeTownshipDifferences } from "./township.js";
import { versionsOf, writePowerList } from "./versions.js";

const RAOHE = "230524";
const XIAOJIAHE = "230524101000";
const TOWNSHIPS = ["230524100000", "230524101000", "230524102000", "230524103000", "230524200000", "230524201000", "230524203000", "230524204000", "230524207000"];

type Row = [name: string, category: PowerItemInput["category"], legalBasis: string, fromDepartment: string];
const item = ([name, category, legalBasis, fromDepartment]: Row): PowerItemInput => ({ name, category, legalBasis, fromDepartment });

/** 饶河县赋权乡镇事项清单, first version: the powers townships asked for most (放权赋能). */
const V1: Row[] = [
  ["对未取得乡村建设规划许可证或者未按照许可证规定进行建设的行政处罚", "penalty", "《中华人民共和国城乡规划法》第六十五条", "县住房和城乡建设局"],
  ["乡村建设规划许可证核发", "permit", "《中华人民共和国城乡规划法》第四十一条", "县自然资源局"],
  ["农村村民宅基地审批", "permit", "《中华人民共和国土地管理法》第六十二条", "县农业农村局"],
  ["对农村村民非法占用土地建住宅的行政处罚", "penalty", "《中华人民共和国土地管理法》第七十八条", "县自然资源局"],
  ["对在人口集中地区和其他依法需要特殊保护的区域内焚烧秸秆的行政处罚", "penalty", "《中华人民共和国大气污染防治法》第一百一十九条", "县生态环境局"],
  ["对在农村公路用地范围内堆放物品、设置障碍的行政处罚", "penalty", "《中华人民共和国公路法》第七十七条", "县交通运输局"],
  ["对食品摊贩的监督检查", "inspection", "《中华人民共和国食品安全法》第三十六条", "县市场监督管理局"],
  ["对违反规定野外用火的行政处罚", "penalty", "《森林防火条例》第五十条", "县林业和草原局"],
  ["对未经批准擅自设置大型户外广告的行政处罚", "penalty", "《城市市容和环境卫生管理条例》第三十六条", "县住房和城乡建设局"],
  ["对违法建设施工现场的查封", "enforcement", "《中华人民共和国城乡规划法》第六十八条", "县住房和城乡建设局"],
];
/** The second version adds two powers from the livestock and water departments. */
const V2_ADDED: Row[] = [
  ["对未取得动物防疫条件合格证从事动物饲养的行政处罚", "penalty", "《中华人民共和国动物防疫法》第九十八条", "县农业农村局"],
  ["对在河道管理范围内乱堆乱建的行政处罚", "penalty", "《中华人民共和国河道管理条例》第四十四条", "县水务局"],
];
/** 小佳河镇's own power (乡镇增加). */
const OWN: PowerItemInput = { name: "对在禁渔区、禁渔期进行捕捞的行政处罚", category: "penalty", legalBasis: "《中华人民共和国渔业法》第三十八条", fromDepartment: "县农业农村局" };
const DOC_WORD: Record<PowerItemInput["category"], string> = { penalty: "罚", permit: "许", inspection: "检", enforcement: "强", confirmation: "确", other: "办" };
const NOTES: Record<PowerItemInput["category"], string> = {
  penalty: "现场检查，责令改正并处罚款",
  permit: "材料齐全，当场受理，五个工作日内办结",
  inspection: "例行检查，未发现问题",
  enforcement: "依法查封，制作现场笔录",
  confirmation: "核实确认",
  other: "依申请办理",
};
/** Powers townships exercise (index into the list); the rest were handed down and never used. */
const USED = [0, 1, 2, 3, 4, 5, 6, 7, 10];

/** A fixed pseudo-random count 0..max from a text: demo figures that do not change between restarts. */
const spread = (text: string, max: number) => [...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 9973, 7) % (max + 1);

/**
 * The second version came fifteen months back, whatever the month: its power no township used is then
 * held over a year and flagged 一年未行使 (a fixed "July of last year" was under a year old from January to June).
 */
const SECOND_VERSION_MONTHS_AGO = 15;

export async function seedDemoPowers(db: Db, today: string): Promise<number> {
  if ((await versionsOf(db, RAOHE)).length > 0) return 0;
  const year = Number(today.slice(0, 4));
  const secondPeriod = shiftPeriod(periodOf(today), -SECOND_VERSION_MONTHS_AGO);
  const townships = (await getUnits(db, TOWNSHIPS)).map((t) => t.code);
  if (townships.length === 0) return 0;
  await writePowerList(db, {
    actor: null,
    countyCode: RAOHE,
    source: "seed",
    input: { effectiveFrom: `${year - 2}-01-01`, reason: "依据省委、省政府关于赋予乡镇（街道）县级行政权力事项的部署，经县委常委会研究，向全县乡镇赋权", appliesTo: townships, items: V1.map(item) },
  });
  await writePowerList(db, {
    actor: null,
    countyCode: RAOHE,
    source: "seed",
    input: { effectiveFrom: firstDayOf(secondPeriod), reason: "根据乡镇承接能力评估，新增动物防疫、河道管理两项赋权事项", appliesTo: townships, items: [...V1, ...V2_ADDED].map(item) },
  });
  // 小佳河镇 has no town streets to advertise on but fishes the Ussuri: its own differences (乡镇差异).
  await writeTownshipDifferences(db, {
    actor: null,
    townshipCode: XIAOJIAHE,
    source: "seed",
    lang: "zh-CN",
    input: {
      effectiveFrom: firstDayOf(secondPeriod),
      reason: "经县委编办评估：小佳河镇无集镇街区，不承接户外广告审批处罚；沿江渔业执法需求大，增加禁渔期捕捞处罚；食品摊贩检查限于集市",
      remove: ["P009"],
      change: [{ key: "P007", ...item(V1[6]!), note: "限于小佳河镇集市及沿江临时摊点" }],
      add: [OWN],
    },
  });
  const keys = [...V1, ...V2_ADDED].map((_, i) => `P${String(i + 1).padStart(3, "0")}`);
  const months = periodsEnding(shiftPeriod(periodOf(today), -1), 18);
  const units = new Map((await getUnits(db, townships)).map((u) => [u.code, u]));
  // Older months stay the monthly totals townships reported before records (a summary source);
  // the last six months are single records with their document numbers.
  const recordsFrom = shiftPeriod(periodOf(today), -6);
  const totals: (typeof powerExercises.$inferInsert)[] = [];
  const records: (typeof powerExerciseRecords.$inferInsert)[] = [];
  const seq = new Map<string, number>();
  for (const t of townships) {
    const unit = units.get(t)!;
    const held = [...USED.map((i) => keys[i]!), ...(t === "230524100000" ? [keys[8]!] : []), ...(t === XIAOJIAHE ? ["T001"] : [])];
    for (const key of held) {
      const index = keys.indexOf(key);
      for (const period of months) {
        // A power added by the second version (and the township's own) is exercised only from its date on.
        if ((index >= V1.length || index < 0) && period < secondPeriod) continue;
        const n = spread(`${t}${key}${period}`, 4) - 1;
        if (n <= 0) continue;
        const place = { townshipCode: t, townshipPath: unit.path, provinceCode: unit.provinceCode, key };
        if (period < recordsFrom) {
          totals.push({ ...place, period, count: n, reportedBy: "seed" });
          continue;
        }
        for (let k = 0; k < n; k++) {
          const y = period.slice(0, 4);
          const number = (seq.get(`${t}${y}`) ?? 0) + 1;
          seq.set(`${t}${y}`, number);
          const day = String(1 + (spread(`${t}${key}${period}${k}`, 26) % 27)).padStart(2, "0");
          const category = index >= 0 ? [...V1, ...V2_ADDED][index]![1] : OWN.category;
          records.push({ ...place, exercisedOn: `${period}-${day}`, documentNumber: `${unit.name.slice(0, 2)}综执${DOC_WORD[category]}〔${y}〕${number}号`, note: NOTES[category], source: "seed", recordedBy: "seed" });
        }
      }
    }
  }
  if (totals.length) await db.insert(powerExercises).values(totals);
  if (records.length) await db.insert(powerExerciseRecords).values(records);
  return 2;
}
