import { count } from "drizzle-orm";
import type { ChannelInput } from "../../../contracts/fingertips.js";
import type { Db } from "../../db/client.js";
import { actorByUsername } from "../org/auth.js";
import { decideChannel, registerChannel } from "./registry.js";
import { fingertipChannels } from "./schema.js";

const RAOHE = "230524";
const RAOHE_TOWN = "230524100000";
const XIAOJIAHE_TOWN = "230524101000";

/**
 * Raohe's ledger of apps, accounts and groups as a clean-up finds it: bureaus with two groups for one
 * job, an app that ranks villages by points and online time, a township's duty group; one account already
 * closed and one group already merged, as in Sichuan's campaign.
 */
const CHANNELS: { by: string; input: ChannelInput }[] = [
  { by: "raohe_nyncj", input: { name: "饶河县农业农村工作群", kind: "workgroup", platform: "微信", ownerUnit: "230524D01", audienceUnits: [RAOHE], audienceRoles: ["village_cadre", "township_official"], demands: ["photo_upload"], minutesPerWeek: 45 } },
  { by: "raohe_nyncj", input: { name: "饶河县农业农村局工作通知群", kind: "workgroup", platform: "钉钉", ownerUnit: "230524D01", audienceUnits: [RAOHE_TOWN, XIAOJIAHE_TOWN], audienceRoles: ["village_cadre"], demands: [], minutesPerWeek: 30 } },
  { by: "raohe_nyncj", input: { name: "高标准农田建设信息报送群", kind: "workgroup", platform: "微信", ownerUnit: "230524D01", audienceUnits: [XIAOJIAHE_TOWN], audienceRoles: ["village_cadre"], demands: ["photo_upload", "ranking"], minutesPerWeek: 40 } },
  { by: "raohe_mzj", input: { name: "饶河县民政低保核查群", kind: "workgroup", platform: "微信", ownerUnit: "230524D03", audienceUnits: [RAOHE], audienceRoles: ["village_cadre"], demands: ["photo_upload"], minutesPerWeek: 25 } },
  { by: "raohe_mzj", input: { name: "饶河县民政局低保工作群", kind: "workgroup", platform: "钉钉", ownerUnit: "230524D03", audienceUnits: [RAOHE_TOWN, XIAOJIAHE_TOWN], audienceRoles: ["village_cadre"], demands: [], minutesPerWeek: 20 } },
  { by: "raohe_tjj", input: { name: "统计数据采集APP", kind: "app", platform: "独立应用", ownerUnit: "230524D02", audienceUnits: [RAOHE], audienceRoles: ["village_cadre"], demands: ["install_rate", "online_time"], minutesPerWeek: 60, note: "要求各村安装率100%，每日在线不少于30分钟" } },
  { by: "raohe_xwb", input: { name: "饶河党建学习打卡", kind: "app", platform: "独立应用", ownerUnit: "230524D04", audienceUnits: [RAOHE], audienceRoles: ["village_cadre", "township_official"], demands: ["check_in", "points", "ranking"], minutesPerWeek: 70, note: "每日打卡，积分按村排名通报" } },
  { by: "raohe_xwb", input: { name: "饶河发布", kind: "account", platform: "微信公众号", ownerUnit: "230524D04", audienceUnits: [RAOHE], audienceRoles: ["village_cadre", "township_official"], demands: ["forwarding"], minutesPerWeek: 15 } },
  { by: "raohe_town", input: { name: "饶河镇防汛值班群", kind: "workgroup", platform: "微信", ownerUnit: RAOHE_TOWN, audienceUnits: [RAOHE_TOWN], audienceRoles: ["village_cadre", "township_official"], demands: [], minutesPerWeek: 30 } },
  { by: "raohe_town", input: { name: "饶河镇村干部工作群", kind: "workgroup", platform: "微信", ownerUnit: RAOHE_TOWN, audienceUnits: [RAOHE_TOWN], audienceRoles: ["village_cadre"], demands: ["check_in"], minutesPerWeek: 35 } },
  { by: "raohe_xwb", input: { name: "饶河县信息报送平台", kind: "app", platform: "独立应用", ownerUnit: "230524D04", audienceUnits: [RAOHE], audienceRoles: ["township_official"], demands: [], minutesPerWeek: 20 } },
  { by: "raohe_mzj", input: { name: "饶河民政", kind: "account", platform: "微信公众号", ownerUnit: "230524D03", audienceUnits: [RAOHE], audienceRoles: ["village_cadre"], demands: ["forwarding"], minutesPerWeek: 10 } },
];

export async function seedDemoFingertips(db: Db): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(fingertipChannels);
  if ((existing?.n ?? 0) > 0) return 0;
  const office = await actorByUsername(db, "raohe_office");
  if (!office) return 0;
  const ids = new Map<string, string>();
  for (const c of CHANNELS) {
    const actor = await actorByUsername(db, c.by);
    if (actor) ids.set(c.input.name, await registerChannel(db, actor, c.input));
  }
  const id = (name: string) => ids.get(name);
  if (id("饶河民政") && id("饶河县信息报送平台")) {
    await decideChannel(db, office, id("饶河民政")!, { action: "close", reason: "内容与“饶河发布”重复，关停后信息统一由“饶河发布”推送" });
  }
  if (id("饶河镇村干部工作群") && id("饶河镇防汛值班群")) {
    await decideChannel(db, office, id("饶河镇村干部工作群")!, { action: "merge", mergeInto: id("饶河镇防汛值班群")!, reason: "同一主办单位、成员相同，整合为一个镇村工作群，取消打卡" });
  }
  return ids.size;
}
