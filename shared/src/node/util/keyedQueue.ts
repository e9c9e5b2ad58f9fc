/**
 * Runs async tasks one at a time per key (different keys run concurrently).
 * Used where FerretDB 1.24 would lose concurrent updates to one document: its SQLite backend
 * applies updates as read-modify-write without isolation (see DEVELOPERS.md).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Queues `task` behind earlier tasks of the same key and resolves with its result. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Number of keys with queued or running tasks. */
  get size(): number {
    return this.tails.size;
  }
}
