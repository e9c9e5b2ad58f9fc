import { describe, expect, it } from 'vitest';
import { inStoredOrder } from './storedOrder.ts';

const row = (id: string, second: number, storedMs: number) => ({ id, timestamp: new Date(second * 1000), createdAt: new Date(storedMs) });

describe('inStoredOrder', () => {
  it('orders the messages of one instant by when they were stored, and keeps time order across instants', async () => {
    const rows = [row('c', 10, 503), row('a', 10, 501), row('b', 10, 502), row('d', 11, 400), row('f', 12, 900), row('e', 12, 800)];
    const out: string[] = [];
    for await (const r of inStoredOrder(rows)) out.push(r.id);
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('passes nothing through for nothing', async () => {
    const out: unknown[] = [];
    for await (const r of inStoredOrder([])) out.push(r);
    expect(out).toEqual([]);
  });
});
