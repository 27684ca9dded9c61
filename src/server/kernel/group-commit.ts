import type { Db } from "../db/client.js";

/** One item's outcome in a batch: its result, or the error its caller gets (the others still commit). */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * How a kind of write is written many at a time: `write` writes the items in the shared transaction
 * (in as few statements as it can) and settles each, in order. Items with the same `keyOf` never share
 * a batch: the second waits for the next one (two writes of the same rows stay one after the other).
 */
export type BatchWriter<I, R> = {
  write: (tx: Db, items: readonly I[]) => Promise<Settled<R>[]>;
  keyOf: (item: I) => string;
  /** Most items in one transaction: enough to share one commit among a deadline burst, few enough to keep it short. */
  maxBatch: number;
};

type Pending<I, R> = { item: I; resolve: (value: R) => void; reject: (err: unknown) => void };

/**
 * Group commit for writes that each end in the audit chain 审计链. The chain's lock lets one transaction
 * append at a time and holds until its commit, so one commit per write makes the disk flush under that
 * lock the ceiling of every such write. Here the writes that arrive while a transaction commits wait
 * for the next one and are written in it together, by the writer's batch statements (a batch of 30 pays
 * a handful of round trips, not 30 times as many). A batch whose transaction fails is retried item by
 * item, so one bad write fails alone. Each caller's promise settles only after the commit, so nothing
 * is acknowledged before it is durable.
 */
class GroupCommitter<I, R> {
  private queue: Pending<I, R>[] = [];
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly writer: BatchWriter<I, R>,
  ) {}

  run(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  /** The next batch: the first waiting items in order, skipping one whose key is already taken (it stays first in line). */
  private take(): Pending<I, R>[] {
    const batch: Pending<I, R>[] = [];
    const keys = new Set<string>();
    const rest: Pending<I, R>[] = [];
    for (const p of this.queue) {
      const key = this.writer.keyOf(p.item);
      if (batch.length < this.writer.maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(p);
      } else rest.push(p);
    }
    this.queue = rest;
    return batch;
  }

  private async drain() {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.take();
        if (!(await this.commit(batch)) && batch.length > 1) for (const p of batch) await this.commit([p]);
      }
    } finally {
      this.running = false;
    }
  }

  /** False when the transaction failed and a batch of several is left to retry item by item. */
  private async commit(batch: readonly Pending<I, R>[]): Promise<boolean> {
    let outcomes: Settled<R>[];
    try {
      outcomes = await this.db.transaction(async (tx) => {
        const settled = await this.writer.write(tx as unknown as Db, batch.map((p) => p.item));
        if (settled.length !== batch.length) throw new Error(`group commit: ${settled.length} outcomes for ${batch.length} items`);
        return settled;
      });
    } catch (err) {
      // Nothing of the batch is durable.
      if (batch.length > 1) return false;
      batch[0]!.reject(err);
      return true;
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.error);
    });
    return true;
  }
}

/**
 * A group committer for one kind of write (one queue per database): the returned function writes an
 * item in the next group commit and resolves with its result once that commit is durable.
 */
export function groupCommitter<I, R>(writer: BatchWriter<I, R>): (db: Db, item: I) => Promise<R> {
  const committers = new WeakMap<Db, GroupCommitter<I, R>>();
  return (db, item) => {
    let committer = committers.get(db);
    if (!committer) committers.set(db, (committer = new GroupCommitter(db, writer)));
    return committer.run(item);
  };
}
