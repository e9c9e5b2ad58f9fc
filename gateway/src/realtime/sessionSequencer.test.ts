import type { HubEvent } from '@switchboard/shared';
import { silentLogger } from '@switchboard/shared/node';
import { describe, expect, it } from 'vitest';
import { SessionSequencer } from './sessionSequencer.ts';

const ev = (sessionId: string, seq: number): HubEvent => ({ type: 'qr', qr: `q${seq}`, sessionId, seq, at: seq });

/** A log holding `stored` whose reads resolve only when the test says so. */
function setup(stored: HubEvent[], maxFill?: number) {
  const got: string[] = [];
  const reads: Array<{ args: [string, number, number]; release(): void; fail(err: Error): void }> = [];
  const readEvents = (sessionId: string, after: number, limit: number): Promise<HubEvent[]> =>
    new Promise((resolve, reject) => {
      reads.push({
        args: [sessionId, after, limit],
        release: () => resolve(stored.filter((e) => e.sessionId === sessionId && e.seq > after).slice(0, limit)),
        fail: reject,
      });
    });
  const seq = new SessionSequencer(readEvents, (e) => got.push(`${e.sessionId}#${e.seq}`), silentLogger(), maxFill);
  return { seq, got, reads };
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('SessionSequencer', () => {
  it('passes contiguous events at once and drops repeats and late ones', () => {
    const { seq, got, reads } = setup([]);
    for (const n of [4, 5, 5, 6, 3]) seq.push(ev('s', n));
    expect(got).toEqual(['s#4', 's#5', 's#6']);
    expect(reads).toHaveLength(0);
  });

  it('fills a gap from the log before the event that revealed it, holding later events meanwhile', async () => {
    const { seq, got, reads } = setup([ev('s', 2), ev('s', 3), ev('s', 4)]);
    seq.push(ev('s', 1));
    seq.push(ev('s', 4)); // 2 and 3 were stored, never relayed (their node died)
    seq.push(ev('s', 6));
    seq.push(ev('s', 5));
    seq.push(ev('o', 9)); // other sessions are not held up
    expect(got).toEqual(['s#1', 'o#9']);
    expect(reads.map((r) => r.args)).toEqual([['s', 1, 2]]);
    reads[0]!.release();
    await settle();
    expect(got).toEqual(['s#1', 'o#9', 's#2', 's#3', 's#4', 's#5', 's#6']);
    seq.push(ev('s', 3)); // the dead node's relay, arriving late
    expect(got).toHaveLength(7);
  });

  it('fills a second gap found among the events that waited', async () => {
    const { seq, got, reads } = setup([ev('s', 2), ev('s', 4)]);
    seq.push(ev('s', 1));
    seq.push(ev('s', 3));
    seq.push(ev('s', 5));
    reads[0]!.release();
    await settle();
    expect(got).toEqual(['s#1', 's#2', 's#3']);
    expect(reads[1]!.args).toEqual(['s', 3, 1]);
    reads[1]!.release();
    await settle();
    expect(got).toEqual(['s#1', 's#2', 's#3', 's#4', 's#5']);
  });

  it('passes the event on when the log read fails, and stays in order afterwards', async () => {
    const { seq, got, reads } = setup([]);
    seq.push(ev('s', 1));
    seq.push(ev('s', 3));
    seq.push(ev('s', 4));
    reads[0]!.fail(new Error('db down'));
    await settle();
    expect(got).toEqual(['s#1', 's#3', 's#4']);
  });

  it('does not read a gap wider than its limit', () => {
    const { seq, got, reads } = setup([], 10);
    seq.push(ev('s', 1));
    seq.push(ev('s', 50));
    expect(got).toEqual(['s#1', 's#50']);
    expect(reads).toHaveLength(0);
  });
});
