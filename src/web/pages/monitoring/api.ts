import type { Answer, AnswerInput, CorrectionInput, PointList, ReminderResult, Survey } from "../../../contracts/monitoring.js";
import { api } from "../../api/client.js";

export const monitoringApi = {
  survey: (week: string | undefined, signal?: AbortSignal) => api.get<Survey>("/api/monitoring/survey", { week }, signal),
  answer: (body: AnswerInput) => api.post<Answer>("/api/monitoring/answers", body),
  correct: (id: string, body: CorrectionInput) => api.put<Answer>(`/api/monitoring/answers/${id}`, body),
  points: (week: string | undefined, signal?: AbortSignal) => api.get<PointList>("/api/monitoring/points", { week }, signal),
  choose: (unitCode: string) => api.post<PointList>("/api/monitoring/points", { unitCode }),
  retire: (code: string) => api.del<PointList>(`/api/monitoring/points/${code}`),
  answers: (week: string, signal?: AbortSignal) => api.get<{ items: Answer[] }>("/api/monitoring/answers", { week }, signal),
  remind: (week: string) => api.post<ReminderResult>("/api/monitoring/reminders", { week }),
};

/** The week's draft kept on the phone until the server has it, with the key that makes a retry harmless. */
export type Draft = { idempotencyKey: string; hours: Record<string, number | null>; unregistered: { text: string; issuerName: string; hours: number | null }[] };

const draftKey = (unit: string, week: string) => `jianfu.monitoring.${unit}.${week}`;
// randomUUID exists only on HTTPS or localhost; a village page over plain HTTP falls back to random digits.
const newKey = () => (typeof (globalThis.crypto as Partial<Crypto> | undefined)?.randomUUID === "function" ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`);

/** A draft filled with a sent answer's figures, to correct it; a fresh key makes its retry harmless too. */
export function draftOf(answer: Answer): Draft {
  return {
    idempotencyKey: newKey(),
    hours: Object.fromEntries(answer.items.map((i) => [i.burdenId, i.actualHours])),
    unregistered: answer.unregistered.map((u) => ({ text: u.text, issuerName: u.issuerName ?? "", hours: u.hours })),
  };
}

export function loadDraft(unit: string, week: string): Draft {
  try {
    const saved = localStorage.getItem(draftKey(unit, week));
    if (saved) return JSON.parse(saved) as Draft;
  } catch {
    // no storage (private mode) or a broken entry: start afresh
  }
  return { idempotencyKey: newKey(), hours: {}, unregistered: [] };
}

export function saveDraft(unit: string, week: string, draft: Draft): void {
  try {
    localStorage.setItem(draftKey(unit, week), JSON.stringify(draft));
  } catch {
    // storage full or unavailable: the draft lasts for this page only
  }
}

export function dropDraft(unit: string, week: string): void {
  try {
    localStorage.removeItem(draftKey(unit, week));
  } catch {
    // nothing to drop
  }
}
