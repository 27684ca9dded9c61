/** 督检考统筹: inspections of one township in a quarter, proposed for one joint visit. Part of the zh-CN dictionary. */
export const inspectionsZh = {
  inspections: {
    title: "督检考统筹",
    intro: "同一季度内多个部门到同一乡镇督查检查的，建议合并为一次联合检查，减少迎检负担。",
    year: "年度",
    quarter: "季度",
    quarterName: (q: number) => `第${q}季度`,
    none: "本季度没有需要合并的督查检查。",
    visits: (n: number, issuers: number) => `${n} 次检查 · ${issuers} 个部门`,
    window: (from: string, to: string) => `检查日期 ${from} 至 ${to}，建议合并为一次联合检查`,
    date: "检查日期",
    issuer: "检查单位",
    titleField: "检查事项",
    admissionNumber: "准入编号",
    onSite: "现场检查",
    remote: "非现场",
  },
};
