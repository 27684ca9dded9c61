import { count } from "drizzle-orm";
import type { RegisterDocument } from "../../../contracts/documents.js";
import type { Db } from "../../db/client.js";
import { actorByUsername } from "../org/auth.js";
import { getUnit } from "../org/units.js";
import { registerDocument } from "./registry.js";
import { documents } from "./schema.js";

/**
 * Demo documents for Raohe: a provincial measure, a county bureau's notice that copies it almost whole
 * (照搬照抄), the county office's red-head notice and its white-head reissue (红头改白头), and a notice of
 * the statistics bureau's own. Dated this year and last so the yearly counts compare.
 */

const PROVINCIAL_TEXT = [
  "为深入贯彻落实党中央关于整治形式主义为基层减负的决策部署，巩固拓展为基层减负成果，现就进一步精简文件会议提出如下措施。",
  "一、严格控制发文数量。各级各部门要坚持少而精，可发可不发的一律不发，可长可短的一律要短，能合并的一律合并。上级文件已有明确规定、仍然适用的，不再制发贯彻落实文件。",
  "二、切实提高文件质量。文件要有针对性和可操作性，不得照搬照抄上级文件，不得以文件落实文件，不得以白头文件、便函等形式规避发文数量控制。",
  "三、严格控制会议数量和规模。能合并的合并召开，能套开的套开，能视频召开的视频召开。不得要求与会议主题无关的基层干部陪会，会议讲话一般不超过一小时。",
  "四、强化监督检查。各地要将精文减会情况纳入年度考核，对发文开会数量不减反增、问题突出的予以通报，并督促整改到位。",
].join("\n");

const COUNTY_NOTICE = [
  "各乡镇人民政府，县直各有关单位：",
  PROVINCIAL_TEXT.replace("党中央", "省委、市委").replace("各地要", "各乡镇、各单位要"),
  "请各单位结合实际认真贯彻执行。",
].join("\n");

const OFFICE_NOTICE =
  "各乡镇要在十二月底前完成村级组织工作事务、机制牌子和证明事项清单的对照清理，清单以外的事项不得要求村级组织承担，" +
  "清理情况由乡镇汇总后报县减负办。对清单外事项确需村级组织协助的，须经乡镇党委审核并按程序报批。";

type DemoDocument = { by: string; input: RegisterDocument; implementsTitle?: string };

function demoDocuments(year: number): DemoDocument[] {
  return [
    {
      by: "raohe_office",
      input: { issuer: "230524", docNumber: `饶减负发〔${year - 1}〕6号`, head: "red", scope: "specific", title: "关于开展村级组织工作事务清理的通知", text: OFFICE_NOTICE, issuedOn: `${year - 1}-09-01` },
    },
    {
      by: "raohe_nyncj",
      implementsTitle: "关于进一步精简文件会议切实为基层减负的若干措施",
      input: { issuer: "230524D01", docNumber: `饶农发〔${year}〕5号`, head: "red", scope: "specific", title: "关于进一步精简文件会议的通知", text: COUNTY_NOTICE, issuedOn: `${year}-03-01` },
    },
    {
      by: "raohe_office",
      input: { issuer: "230524", docNumber: "—", head: "white", scope: "specific", title: "关于再次做好村级组织工作事务清理的提示", text: `再次提示：${OFFICE_NOTICE}`, issuedOn: `${year}-01-10` },
    },
    {
      by: "raohe_tjj",
      input: {
        issuer: "230524D02",
        docNumber: `饶统发〔${year}〕2号`,
        head: "red",
        scope: "specific",
        title: "关于做好年度统计数据共享的通知",
        text: "今年起，县统计局向各部门共享村级常住人口、耕地面积等基础数据，各部门不得再向村级重复索要同类数据，确需补充的指标须先报县减负办审核。",
        issuedOn: `${year}-04-15`,
      },
    },
  ];
}

/** Idempotent: nothing is seeded once the register holds a document. */
export async function seedDemoDocuments(db: Db, year: number): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(documents);
  if ((existing?.n ?? 0) > 0) return 0;
  const admin = await actorByUsername(db, "admin");
  const province = await getUnit(db, "230000");
  if (!admin || !province) return 0;
  // The demo has no provincial accounts: the provincial measure is registered as the province's office would.
  const provinceOffice = { ...admin, role: "office" as const, displayName: "黑龙江省减负办（演示）", scope: province };
  const higher = await registerDocument(db, {
    actor: provinceOffice,
    input: { issuer: "230000", docNumber: `黑减负发〔${year}〕1号`, head: "red", scope: "general", title: "关于进一步精简文件会议切实为基层减负的若干措施", text: PROVINCIAL_TEXT, issuedOn: `${year}-02-10` },
  });
  let made = 1;
  for (const d of demoDocuments(year)) {
    const actor = await actorByUsername(db, d.by);
    if (!actor) continue;
    await registerDocument(db, { actor, input: { ...d.input, ...(d.implementsTitle ? { implementsId: higher.id } : {}) } });
    made++;
  }
  return made;
}
