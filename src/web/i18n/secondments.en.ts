import type { secondmentsZh } from "./secondments.zh-CN.js";

export const secondmentsEn: typeof secondmentsZh = {
  secondments: {
    title: "Secondments",
    intro: "Cadres borrowed from townships and villages need an approval and a return date; unapproved, overlong, repeated and overdue secondments stand out.",
    register: "Register a secondment",
    onlyFlagged: "Only with flags",
    person: "Person",
    fromUnit: "Home unit",
    borrowingUnit: "Borrowing unit",
    period: "Period",
    months: "Months",
    approvalCode: "Approval",
    reason: "Reason",
    startOn: "Start",
    plannedEndOn: "Planned end",
    flags: "Flags",
    noFlags: "None",
    codes: { NO_APPROVAL: "No approval", TOO_LONG: "Too long", REPEATED: "Repeated", OVERDUE_RETURN: "Overdue" },
    returned: (d: string) => `Returned on ${d}`,
    markReturned: "Record return",
    returnedOk: "Return recorded",
    saved: "Secondment registered",
  },
};
