/** How a burden relates to a township's duty list 履职事项清单: what the admission gate consumes. */
export type DutyPart = "basic" | "cooperative" | "returned";

/** How the burden relates to one township's duty list 履职事项清单 in force on the issue date. */
export type DutyMatch = {
  townshipCode: string;
  townshipName: string;
  /** False when the township has no list in force: the rules then say so rather than guess. */
  hasList: boolean;
  /** The item the issuer cited (dutyItem), if found in this township's list. */
  cited: DutyItemMatch | null;
  /** The item most similar to the burden's title and text, with its similarity 0..1. */
  best: DutyItemMatch | null;
};
export type DutyItemMatch = { key: string; name: string; part: DutyPart; leadDepartment: string | null; score: number };
