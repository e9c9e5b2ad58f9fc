/** What ordering reads of a message: when it was sent and when it was stored. */
export interface StoredRow {
  timestamp: Date;
  createdAt?: Date;
}

/**
 * Messages in time order, those of the same instant in the order they were stored: WhatsApp's
 * times have one-second resolution, so a customer's quick burst shares one, and the database's
 * sort (by time, through the index) leaves them in no particular order. Only one instant's
 * messages are held at a time.
 */
export async function* inStoredOrder<T extends StoredRow>(messages: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  let group: T[] = [];
  const sorted = () => group.sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
  for await (const m of messages) {
    if (group.length && group[0]!.timestamp.getTime() !== m.timestamp.getTime()) {
      yield* sorted();
      group = [];
    }
    group.push(m);
  }
  yield* sorted();
}
