/**
 * Group commit of inserts (issue 13): documents asked for while a batch is being written go out
 * together in the next one, as one unordered `insertMany` (one database request), so the sends
 * of many sessions accepted at the same moment cost one write instead of one each. Every caller
 * keeps single-insert semantics: its promise resolves when its document is stored, or rejects
 * with that document's own error (a duplicate key is E11000, code 11000, as from `create`).
 */
import { insertUnordered, type InsertFailure, type InsertModel as UnorderedInsertModel } from '@switchboard/shared/node';

/** The most documents stored in one request. */
const MAX_BATCH = 64;

interface Waiting {
  doc: unknown;
  resolve(): void;
  reject(err: unknown): void;
}

/** What the batcher uses of a mongoose model (Message, SendKey, ...). */
export interface InsertModel extends UnorderedInsertModel {
  new (doc: Record<string, unknown>): { validate(): Promise<void> };
}

/** Collects inserts into one collection and writes them in batches, one batch at a time. */
export class InsertBatcher {
  private queue: Waiting[] = [];
  private writing = false;

  constructor(private readonly model: InsertModel) {}

  /** Stores `doc` (through the model: casting, defaults, hooks and timestamps as with `create`). */
  async insert(doc: Record<string, unknown>): Promise<void> {
    // Validated alone first, so an invalid document fails by itself and never shifts the
    // indexes of a batch's write errors.
    const valid = new this.model(doc);
    await valid.validate();
    return new Promise((resolve, reject) => {
      this.queue.push({ doc: valid, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    // Let inserts asked for in the same tick join the first batch.
    await Promise.resolve();
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      await this.write(batch);
    }
    this.writing = false;
  }

  private async write(batch: Waiting[]): Promise<void> {
    let failures: (InsertFailure | null)[];
    try {
      // A lone document is exactly `create`: its error, whatever it is, is its own.
      failures = await insertUnordered(this.model, batch.map((w) => w.doc));
    } catch (err) {
      // Not a per-document failure (the database is unreachable, a validation error): the
      // whole batch shares it; nothing of an unordered batch is known to be stored.
      for (const w of batch) w.reject(err);
      return;
    }
    batch.forEach((w, i) => {
      const failure = failures[i];
      if (failure) w.reject(failure);
      else w.resolve();
    });
  }
}
