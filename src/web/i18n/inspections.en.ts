import type { inspectionsZh } from "./inspections.zh-CN.js";

export const inspectionsEn: typeof inspectionsZh = {
  inspections: {
    title: "Inspection planning",
    intro: "When several departments inspect the same township in one quarter, merge their visits into one joint inspection.",
    year: "Year",
    quarter: "Quarter",
    quarterName: (q: number) => `Q${q}`,
    none: "No inspections to merge this quarter.",
    visits: (n: number, issuers: number) => `${n} inspections · ${issuers} departments`,
    window: (from: string, to: string) => `Dated ${from} to ${to}: merge them into one joint visit`,
    date: "Date",
    issuer: "Inspecting body",
    titleField: "Inspection",
    admissionNumber: "Admission number",
    onSite: "On site",
    remote: "Remote",
    accept: "Accept: record a joint visit",
    acceptTitle: (township: string) => `${township}: one joint visit`,
    visitOn: "Visit date",
    lead: "Lead",
    note: "Note",
    accepted: "Joint visit recorded",
    recorded: "Joint visits recorded",
    noVisits: "No joint visit recorded this quarter.",
    merged: (n: number) => `${n} inspections merged`,
  },
};
