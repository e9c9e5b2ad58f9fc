import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyedQueue.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('KeyedQueue', () => {
  it('runs tasks of one key in order, one at a time', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    const gate = deferred();
    const a = q.run('k', async () => {
      log.push('a start');
      await gate.promise;
      log.push('a end');
      return 1;
    });
    const b = q.run('k', async () => {
      log.push('b');
      return 2;
    });
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    gate.resolve();
    expect(await Promise.all([a, b])).toEqual([1, 2]);
    expect(log).toEqual(['a start', 'a end', 'b']);
  });

  it('runs different keys concurrently and keeps going after a failure', async () => {
    const q = new KeyedQueue();
    const gate = deferred();
    const blocked = q.run('x', () => gate.promise);
    expect(await q.run('y', async () => 'free')).toBe('free');
    const failed = q.run('x', async () => {
      throw new Error('boom');
    });
    const after = q.run('x', async () => 'after');
    gate.resolve();
    await blocked;
    await expect(failed).rejects.toThrow('boom');
    expect(await after).toBe('after');
    await Promise.resolve();
    await Promise.resolve();
    expect(q.size).toBe(0);
  });

  it('drains: resolves only after every task, including ones queued while draining', async () => {
    const q = new KeyedQueue();
    const done: string[] = [];
    const gate = deferred();
    void q.run('a', async () => {
      await gate.promise;
      done.push('a');
      void q.run('b', async () => void done.push('b'));
    });
    const drained = q.drain().then(() => done.push('drained'));
    gate.resolve();
    await drained;
    expect(done).toEqual(['a', 'b', 'drained']);
    expect(q.size).toBe(0);
  });
});
