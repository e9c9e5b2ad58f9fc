/** A tiny typed-enough event emitter: screens subscribe to socket events by name. */
export class EventBus {
  private readonly handlers = new Map<string, Set<(e: unknown) => void>>();

  /** Subscribes; returns the unsubscribe function. */
  on(name: string, handler: (e: unknown) => void): () => void {
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Calls every handler of `name`; one failing handler does not stop the others. */
  emit(name: string, e: unknown): void {
    for (const h of [...(this.handlers.get(name) ?? [])]) {
      try {
        h(e);
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
