import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyedQueue.ts';

/** A promise the test resolves by hand. */
function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}

describe('KeyedQueue', () => {
  it('runs tasks of one key in order and tasks of different keys concurrently', async () => {
    const q = new KeyedQueue();
    const order: string[] = [];
    const g = gate();
    const a1 = q.run('a', async () => {
      await g.p;
      order.push('a1');
    });
    const a2 = q.run('a', async () => void order.push('a2'));
    await q.run('b', async () => void order.push('b1'));
    expect(order).toEqual(['b1']);
    g.open();
    await Promise.all([a1, a2]);
    expect(order).toEqual(['b1', 'a1', 'a2']);
  });

  it('keeps going after a failed task and reports the failure to its caller', async () => {
    const q = new KeyedQueue();
    const failed = q.run('a', async () => {
      throw new Error('boom');
    });
    const next = q.run('a', async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
    await q.drain();
  });
});
