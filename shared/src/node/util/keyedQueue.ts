/**
 * Runs async tasks one at a time per key (e.g. per session), in submission order, while
 * different keys run concurrently. Used so a session's database writes never overtake each
 * other.
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

  /** Resolves once every queued task (including ones queued meanwhile) has settled. */
  async drain(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }
}
