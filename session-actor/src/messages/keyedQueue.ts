import { createSerialQueue } from '../auth/serialQueue.ts';

/**
 * One serial queue per key (e.g. per chat): writes to the same chat run in order so an upsert
 * never races another for the same document, while different chats proceed in parallel.
 */
export function createKeyedQueue(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const queues = new Map<string, { run: ReturnType<typeof createSerialQueue>; pending: number }>();
  return async <T>(key: string, task: () => Promise<T>): Promise<T> => {
    let q = queues.get(key);
    if (!q) {
      q = { run: createSerialQueue(), pending: 0 };
      queues.set(key, q);
    }
    q.pending += 1;
    try {
      return await q.run(task);
    } finally {
      q.pending -= 1;
      if (q.pending === 0) queues.delete(key);
    }
  };
}
