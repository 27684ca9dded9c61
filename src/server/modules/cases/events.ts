import type { CaseStatus } from "../../../contracts/cases.js";
import type { Queryable } from "../../db/client.js";
import type { Actor } from "../../kernel/actor.js";
import { caseEvents } from "./schema.js";

type EventKind = "received" | "status" | "message" | "note" | "assigned" | "escalated" | "reminder" | "identity_revealed" | "task" | "task_done";

export type NewEvent = { kind: EventKind; status?: CaseStatus | null; body?: string | null; visibleToReporter: boolean };

/** An event of the handling side: who and when, to the second. */
export const handlerEvent = (tx: Queryable, caseId: string, actor: Actor | null, today: string, event: NewEvent) =>
  tx.insert(caseEvents).values({
    caseId,
    on: today,
    at: new Date(),
    kind: event.kind,
    author: actor ? "handler" : "system",
    actorId: actor?.id ?? null,
    actorName: actor?.displayName ?? null,
    status: event.status ?? null,
    body: event.body ?? null,
    visibleToReporter: event.visibleToReporter,
  });

/** An event of the reporter: the day only, no time, no person. */
export const reporterEvent = (tx: Queryable, caseId: string, today: string, event: NewEvent) =>
  tx.insert(caseEvents).values({
    caseId,
    on: today,
    at: null,
    kind: event.kind,
    author: "reporter",
    status: event.status ?? null,
    body: event.body ?? null,
    visibleToReporter: event.visibleToReporter,
  });
