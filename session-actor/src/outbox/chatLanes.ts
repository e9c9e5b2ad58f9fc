/**
 * Delivery lanes, one per chat: the sends of a chat run one after another, in the order they
 * were handed over; the sends of different chats run side by side, at most `parallel` at a time.
 * A media upload to one chat no longer holds every other chat's replies. (Baileys still encrypts
 * and writes a session's sends one at a time, each in its own key transaction: what overlaps is
 * the work around them; docs/cluster.md, eighth pass.)
 */
export class ChatLanes {
  /** The last task of each chat with work in its lane. */
  private readonly tails = new Map<string, Promise<void>>();
  /** Ids handed over and not finished. */
  private readonly ids = new Set<string>();
  private running = 0;
  /** Tasks waiting for a slot, first come first served. */
  private readonly waiting: (() => void)[] = [];
  /** Told whenever a task finishes. */
  private finished: (() => void)[] = [];

  constructor(private readonly parallel: number) {
    if (!(parallel >= 1)) throw new RangeError('parallel must be at least 1');
  }

  /** Ids of the tasks handed over and not finished yet. */
  get pending(): ReadonlySet<string> {
    return this.ids;
  }

  /**
   * Runs `task` after the chat's earlier tasks, once a slot is free. `task` must not reject (its
   * caller handles its errors); if it does, the lane goes on regardless.
   */
  run(chatId: string, id: string, task: () => Promise<void>): void {
    this.ids.add(id);
    const tail = (this.tails.get(chatId) ?? Promise.resolve())
      .then(() => this.slot())
      .then(async () => {
        try {
          await task();
        } finally {
          this.running -= 1;
          this.waiting.shift()?.();
        }
      })
      .catch(() => undefined)
      .then(() => {
        this.ids.delete(id);
        if (this.tails.get(chatId) === tail) this.tails.delete(chatId);
        const told = this.finished;
        this.finished = [];
        for (const tell of told) tell();
      });
    this.tails.set(chatId, tail);
  }

  /** Resolves once fewer than `count` tasks are unfinished. */
  async below(count: number): Promise<void> {
    while (this.ids.size >= count) await this.next();
  }

  /** Resolves once every task handed over (before or while waiting) has finished. */
  idle(): Promise<void> {
    return this.below(1);
  }

  /** Resolves when the next task finishes. */
  private next(): Promise<void> {
    return new Promise((resolve) => this.finished.push(resolve));
  }

  private slot(): Promise<void> | void {
    if (this.running < this.parallel) {
      this.running += 1;
      return;
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.running += 1;
        resolve();
      }),
    );
  }
}
