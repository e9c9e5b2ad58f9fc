import type { BarrierEnvelope } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { EventBarriers } from './eventBarriers.ts';

const nextTurn = () => new Promise((r) => setImmediate(r));

describe('EventBarriers', () => {
  it('sends one barrier for the calls of one turn and resolves them with its answer', async () => {
    const sent: BarrierEnvelope[] = [];
    const barriers = new EventBarriers((m) => sent.push(m));
    const a = barriers.stored();
    const b = barriers.stored();
    expect(sent).toEqual([]);
    await nextTurn();
    expect(sent.map((m) => m.id)).toEqual([1]);
    barriers.done(1, true);
    expect(await Promise.all([a, b])).toEqual([true, true]);
    expect(barriers.pending).toBe(0);
  });

  it('answers each barrier on its own: a dropped event fails only the barrier that covered it', async () => {
    const sent: BarrierEnvelope[] = [];
    const barriers = new EventBarriers((m) => sent.push(m));
    const first = barriers.stored();
    await nextTurn();
    const second = barriers.stored();
    await nextTurn();
    expect(sent.map((m) => m.id)).toEqual([1, 2]);
    barriers.done(2, true);
    barriers.done(1, false);
    barriers.done(9, true); // unknown: ignored
    expect(await first).toBe(false);
    expect(await second).toBe(true);
  });

  it('tells a graceful stop when every barrier is answered, or gives up after its wait', async () => {
    const barriers = new EventBarriers(() => undefined);
    await barriers.answered(10); // none asked
    void barriers.stored();
    await nextTurn();
    let idle = false;
    const waiting = barriers.answered(60_000).then(() => (idle = true));
    await nextTurn();
    expect(idle).toBe(false);
    barriers.done(1, true);
    await waiting;
    expect(idle).toBe(true);
    void barriers.stored(); // never answered
    await barriers.answered(5);
    expect(barriers.pending).toBe(1);
  });
});
