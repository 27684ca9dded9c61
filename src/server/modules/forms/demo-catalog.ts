import type { IndicatorInput } from "../../../contracts/forms.js";

type Row = [code: string, name: string, aliases: string, unit: string, type: IndicatorInput["type"], cycle: IndicatorInput["refreshCycle"], owner: string, definition: string];

const NY = "230524D01"; // 县农业农村局
const TJ = "230524D02"; // 县统计局
const MZ = "230524D03"; // 县民政局

// prettier-ignore
const ROWS: Row[] = [
  ["RK001", "户籍人口", "户籍人口数、户籍总人口、总人口", "人", "integer", "yearly", TJ, "年末在本村登记常住户口的人数"],
  ["RK002", "常住人口", "常住人口数、实际居住人口", "人", "integer", "yearly", TJ, "年末实际经常居住在本村半年以上的人数"],
  ["RK003", "户籍户数", "总户数、户数", "户", "integer", "yearly", TJ, "年末在本村登记户口的户数"],
  ["RK004", "外出务工人数", "外出务工人员、外出从业人员", "人", "integer", "yearly", TJ, "离开本乡镇外出务工半年以上的人数"],
  ["RK005", "60岁及以上人口", "老年人口、60岁以上老人数", "人", "integer", "yearly", MZ, "年末户籍人口中年满60周岁的人数"],
  ["RK006", "留守儿童人数", "农村留守儿童", "人", "integer", "yearly", MZ, "父母双方外出务工或一方外出另一方无监护能力的未满16周岁儿童"],
  ["RK007", "残疾人数", "持证残疾人数", "人", "integer", "yearly", MZ, "持有第二代残疾人证的户籍人口"],
  ["NY001", "耕地面积", "耕地总面积、实有耕地面积", "亩", "number", "yearly", NY, "年末实有耕地面积（国土变更调查口径）"],
  ["NY002", "粮食播种面积", "粮食作物播种面积", "亩", "number", "yearly", NY, "本年粮食作物播种面积合计"],
  ["NY003", "水稻播种面积", "水稻面积", "亩", "number", "yearly", NY, "本年水稻播种面积"],
  ["NY004", "玉米播种面积", "玉米面积", "亩", "number", "yearly", NY, "本年玉米播种面积"],
  ["NY005", "大豆播种面积", "大豆面积", "亩", "number", "yearly", NY, "本年大豆播种面积"],
  ["NY006", "粮食总产量", "粮食产量", "吨", "number", "yearly", NY, "本年粮食作物总产量"],
  ["NY007", "高标准农田面积", "高标准农田建成面积", "亩", "number", "yearly", NY, "累计建成高标准农田面积"],
  ["NY008", "土地流转面积", "流转土地面积、承包地流转面积", "亩", "number", "yearly", NY, "家庭承包耕地流转总面积"],
  ["NY009", "农民专业合作社数", "合作社数量", "个", "integer", "yearly", NY, "在本村注册的农民专业合作社数"],
  ["NY010", "家庭农场数", "家庭农场数量", "个", "integer", "yearly", NY, "纳入名录管理的家庭农场数"],
  ["NY011", "生猪存栏", "生猪存栏数、存栏生猪", "头", "integer", "quarterly", NY, "季末生猪存栏头数"],
  ["NY012", "牛存栏", "肉牛存栏、牛存栏数", "头", "integer", "quarterly", NY, "季末牛存栏头数"],
  ["NY013", "农机总动力", "农业机械总动力", "千瓦", "number", "yearly", NY, "年末农业机械总动力"],
  ["JJ001", "村集体经济收入", "集体经济收入、村级集体经济收入", "万元", "number", "yearly", NY, "本年村集体经济组织经营性收入"],
  ["JJ002", "农村居民人均可支配收入", "人均可支配收入、农民人均纯收入", "元", "number", "yearly", TJ, "本年农村常住居民人均可支配收入"],
  ["JJ003", "村级债务", "村集体债务", "万元", "number", "yearly", NY, "年末村级组织负债总额"],
  ["FP001", "脱贫户数", "脱贫户、已脱贫户数", "户", "integer", "yearly", NY, "建档立卡脱贫户户数"],
  ["FP002", "脱贫人口数", "脱贫人口", "人", "integer", "yearly", NY, "建档立卡脱贫人口数"],
  ["FP003", "监测对象户数", "防止返贫监测对象户数、监测户数", "户", "integer", "monthly", NY, "纳入防止返贫监测的户数"],
  ["MZ001", "低保户数", "农村低保户数、最低生活保障户数", "户", "integer", "monthly", MZ, "享受农村最低生活保障的户数"],
  ["MZ002", "低保人数", "农村低保人数、最低生活保障人数", "人", "integer", "monthly", MZ, "享受农村最低生活保障的人数"],
  ["MZ003", "特困供养人数", "特困人员数", "人", "integer", "monthly", MZ, "纳入特困人员救助供养的人数"],
  ["MZ004", "临时救助人次", "临时救助", "人次", "integer", "monthly", MZ, "本月实施临时救助人次"],
  ["JC001", "行政村面积", "村域面积、辖区面积", "平方千米", "number", "once", TJ, "村域行政区划面积"],
  ["JC002", "自然屯数", "自然村数、屯数", "个", "integer", "once", TJ, "村辖自然屯个数"],
  ["JC003", "村民小组数", "村民组数", "个", "integer", "yearly", MZ, "村民小组个数"],
  ["JC004", "是否通硬化路", "通硬化路、通公路", "", "choice", "yearly", TJ, "村委会所在地是否通硬化路"],
  ["JC005", "自来水普及率", "自来水入户率、集中供水率", "%", "percent", "yearly", TJ, "使用自来水的户数占总户数的比例"],
  ["JC006", "卫生厕所普及率", "户厕改造率", "%", "percent", "yearly", NY, "使用卫生厕所的户数占总户数的比例"],
  ["JC007", "村卫生室数", "卫生室数量", "个", "integer", "yearly", TJ, "村内卫生室个数"],
  ["JC008", "村党组织书记姓名", "村支书、党支部书记", "", "text", "yearly", MZ, "现任村党组织书记姓名"],
  ["JC009", "最近一次村委会换届日期", "换届日期、村委会换届时间", "", "date", "once", MZ, "最近一次村民委员会换届选举的日期"],
];

export const DEMO_INDICATORS: IndicatorInput[] = ROWS.map(([code, name, aliases, unit, type, refreshCycle, ownerDepartment, definition]) => ({
  code,
  name,
  aliases: aliases.split("、"),
  definition,
  unit,
  type,
  options: type === "choice" ? ["是", "否"] : [],
  granularity: "village",
  refreshCycle,
  ownerDepartment,
  min: type === "percent" ? 0 : ["integer", "number"].includes(type) && code !== "JJ003" ? 0 : null,
  max: type === "percent" ? 100 : null,
}));
