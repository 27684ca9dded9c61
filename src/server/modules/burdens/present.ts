import type { Finding } from "../../../contracts/burdens.js";
import type { Lang } from "../../http/i18n.js";
import type { RawFinding } from "./gate/types.js";

/** A finding as the API shows it: both messages kept, `message` in the caller's language. */
export const presentFindings = (findings: RawFinding[], lang: Lang): Finding[] =>
  findings.map((f) => ({ code: f.code, severity: f.severity, message: f.messages[lang], messages: f.messages, evidence: f.evidence }));
