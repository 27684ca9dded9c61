import type { Db } from "../db/client.js";

/** One caller's write: runs inside the shared transaction (in a savepoint of its own when it is not alone). */
export type GroupWork<T> = (tx: Db) => Promise<T>;

type Pending = { work: GroupWork<unknown>; resolve: (value: unknown) => void; reject: (err: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Most writes in one transaction: enough to share one commit among a deadline burst, few enough to keep it short. */
const MAX_BATCH = 32;

/**
 * Group commit for writes that each end in the audit chain 审计链. The chain's lock lets one transaction
 * append at a time and holds until its commit, so one commit per write makes the disk flush under that
 * lock the ceiling of every such write. Here the writes that arrive while a transaction commits wait
 * for the next one and run in it together, one after another, each in a savepoint: a write that fails
 * is rolled back alone and its caller gets its error. Each caller's promise settles only after the
 * commit, so nothing is acknowledged before it is durable.
 */
class GroupCommitter {
  private queue: Pending[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  run<T>(work: GroupWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain() {
    this.running = true;
    try {
      while (this.queue.length > 0) await this.commit(this.queue.splice(0, MAX_BATCH));
    } finally {
      this.running = false;
    }
  }

  private async commit(batch: readonly Pending[]) {
    const outcomes: Outcome[] = [];
    try {
      await this.db.transaction(async (tx) => {
        const shared = tx as unknown as Db;
        if (batch.length === 1) {
          // Alone: no savepoint to pay for; its failure rolls back the transaction, which holds nothing else.
          outcomes.push({ ok: true, value: await batch[0]!.work(shared) });
          return;
        }
        for (const p of batch) {
          try {
            outcomes.push({ ok: true, value: await shared.transaction((savepoint) => p.work(savepoint as unknown as Db)) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (err) {
      // The transaction or its commit failed: nothing of the batch is durable.
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.error);
    });
  }
}

const committers = new WeakMap<Db, GroupCommitter>();

/** Runs `work` in the next group commit of this database; resolves with its result once committed. */
export function inGroupCommit<T>(db: Db, work: GroupWork<T>): Promise<T> {
  let committer = committers.get(db);
  if (!committer) committers.set(db, (committer = new GroupCommitter(db)));
  return committer.run(work);
}
