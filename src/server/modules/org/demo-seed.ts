import { count } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import type { OrgType, Role } from "../../../contracts/roles.js";
import { importUnits, NATION_ROW, type UnitRowInput } from "./divisions/import.js";
import { readDivisions } from "./divisions/source.js";
import { users } from "./schema.js";
import { createUser } from "./users.js";

export const RAOHE = "230524"; // 黑龙江省双鸭山市饶河县
export const ATUSHI = "653001"; // 新疆克孜勒苏柯尔克孜自治州阿图什市

/** Bodies attached to a county: the departments that issue burdens, the office and the commission. */
const departments = (county: string, provinceCode: string, list: [string, string, OrgType][]): UnitRowInput[] =>
  list.map(([suffix, name, orgType]) => ({ code: `${county}D${suffix}`, name, level: "department", parentCode: county, provinceCode, orgType }));

export const DEMO_DEPARTMENTS: UnitRowInput[] = [
  ...departments(RAOHE, "230000", [
    ["01", "饶河县农业农村局", "bureau"],
    ["02", "饶河县统计局", "bureau"],
    ["03", "饶河县民政局", "bureau"],
    ["04", "中共饶河县委办公室", "party_office"],
    ["05", "饶河县整治形式主义为基层减负专项工作机制办公室", "burden_office"],
    ["06", "饶河县纪委监委", "commission"],
  ]),
  ...departments(ATUSHI, "650000", [
    ["05", "阿图什市整治形式主义为基层减负专项工作机制办公室", "burden_office"],
    ["06", "阿图什市纪委监委", "commission"],
  ]),
];

/** One account per role of DESIGN.md §2; usernames are listed in the README. */
export const DEMO_USERS: { username: string; displayName: string; role: Role; scopeCode: string }[] = [
  { username: "admin", displayName: "系统管理员", role: "admin", scopeCode: "100000" },
  { username: "raohe_admin", displayName: "饶河县系统管理员", role: "admin", scopeCode: RAOHE },
  { username: "raohe_office", displayName: "饶河县减负办 王主任", role: "office", scopeCode: RAOHE },
  { username: "raohe_jiwei", displayName: "饶河县纪委监委 李科长", role: "commission", scopeCode: RAOHE },
  { username: "raohe_nyncj", displayName: "饶河县农业农村局 张干事", role: "department_staff", scopeCode: `${RAOHE}D01` },
  { username: "raohe_tjj", displayName: "饶河县统计局 刘干事", role: "department_staff", scopeCode: `${RAOHE}D02` },
  { username: "raohe_mzj", displayName: "饶河县民政局 陈干事", role: "department_staff", scopeCode: `${RAOHE}D03` },
  { username: "raohe_xwb", displayName: "饶河县委办 赵秘书", role: "department_staff", scopeCode: `${RAOHE}D04` },
  { username: "raohe_town", displayName: "饶河镇 孙镇长", role: "township_official", scopeCode: "230524100000" },
  { username: "xiaojiahe_town", displayName: "小佳河镇 周副镇长", role: "township_official", scopeCode: "230524101000" },
  { username: "raohe_village", displayName: "饶河村 吴书记", role: "village_cadre", scopeCode: "230524100200" },
  { username: "jiaping_village", displayName: "佳平村 郑主任", role: "village_cadre", scopeCode: "230524101200" },
  { username: "atushi_office", displayName: "阿图什市减负办 艾主任", role: "office", scopeCode: ATUSHI },
  { username: "atushi_town", displayName: "上阿图什镇 买买提副镇长", role: "township_official", scopeCode: "653001100000" },
];

async function* demoUnits(): AsyncGenerator<UnitRowInput> {
  yield NATION_ROW;
  yield* readDivisions({ counties: [RAOHE, ATUSHI] });
  yield* DEMO_DEPARTMENTS;
}

/** Loads the demo hierarchy (idempotent) and, on an empty user table, the demo accounts. */
export async function seedDemo(db: Db, password: string): Promise<{ units: number; usersCreated: number }> {
  const counts = await importUnits(db, demoUnits());
  const unitsTouched = Object.values(counts).reduce((n, c) => n + c.inserted + c.updated + c.unchanged, 0);
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return { units: unitsTouched, usersCreated: 0 };
  for (const u of DEMO_USERS) await createUser(db, { actor: null, input: { ...u, password }, mustChangePassword: false });
  return { units: unitsTouched, usersCreated: DEMO_USERS.length };
}
