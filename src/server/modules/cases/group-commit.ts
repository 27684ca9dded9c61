import type { Db } from "../../db/client.js";
import { recordAuditBatch, type AuditEntryInput } from "../audit/audit.js";
import { caseEvents, cases } from "./schema.js";

/** What one intake writes: the case, its first event, and its audit entry. */
export type IntakeWrite = { row: typeof cases.$inferInsert; event: typeof caseEvents.$inferInsert; audit: AuditEntryInput };

type Pending = IntakeWrite & { resolve: () => void; reject: (err: unknown) => void };

/** Most intakes in one transaction: large enough to share one commit among a burst, small enough to stay short. */
const MAX_BATCH = 64;

/**
 * Group commit of the public intake. Every intake ends in one audit chain, whose lock lets one transaction
 * append at a time; one commit per report would make the chain's lock and the disk flush the ceiling of
 * intake. Here the reports that arrive while a transaction commits wait for the next one and go in
 * together: their cases, events and audit entries in one transaction, one lock, one flush. Each caller's
 * promise settles only after that commit, so a receipt is still never handed out before its case is durable.
 * A batch that fails is retried report by report, so one bad report fails alone.
 */
class GroupCommit {
  private queue: Pending[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  write(item: IntakeWrite): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain() {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.commit(batch);
          for (const p of batch) p.resolve();
        } catch (err) {
          if (batch.length === 1) batch[0]!.reject(err);
          else for (const p of batch) await this.commit([p]).then(p.resolve, p.reject);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private commit(batch: readonly IntakeWrite[]): Promise<void> {
    return this.db.transaction(async (tx) => {
      await tx.insert(cases).values(batch.map((b) => b.row));
      await tx.insert(caseEvents).values(batch.map((b) => b.event));
      await recordAuditBatch(tx, batch.map((b) => b.audit));
    });
  }
}

const committers = new WeakMap<Db, GroupCommit>();

/** Writes one intake in the next group commit of this database; resolves once it is committed. */
export function commitIntake(db: Db, item: IntakeWrite): Promise<void> {
  let committer = committers.get(db);
  if (!committer) committers.set(db, (committer = new GroupCommit(db)));
  return committer.write(item);
}
