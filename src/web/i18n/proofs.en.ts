import type { proofsZh } from "./proofs.zh-CN.js";

export const proofsEn: typeof proofsZh = {
  proofs: {
    title: "Proofs",
    intro: "When a body asks your village to certify something, record it here first: proofs on the list may be issued; for those outside it or abolished, a refusal notice is written for you.",
    village: "Village",
    proofName: "Proof asked for",
    proofPlaceholder: "e.g. proof of kinship",
    requestedBy: "Asked by",
    requestedByPlaceholder: "e.g. a bank branch",
    purpose: "Purpose (optional)",
    submit: "Check and record",
    issue: "May be issued",
    issueHint: (name: string) => `“${name}” is on the region's list of proofs a village may issue.`,
    refused: "Not to be issued",
    refusalHint: "Hand this notice to the body that asked (download it as Word to stamp it):",
    download: "Download the notice (Word)",
    ledger: "Ledger of proofs",
    on: "Date",
    decision: "Outcome",
    decisions: { issue: "Issued", refuse_banned: "Refused (abolished proof)", refuse_unlisted: "Refused (not on the list)" },
    counts: "Proofs issued per village",
    issuedThisYear: "Issued this year",
    issuedLastYear: "Issued last year",
    refusedThisYear: "Refused this year",
    change: "Change",
  },
};
