import { describe, expect, it } from 'vitest';
import type { HubEvent, MessageView } from '@switchboard/shared';
import { MinuteBuckets, trackMessageRates } from './messageRates.ts';

const MIN = 60_000;
const T0 = Date.parse('2025-03-01T10:00:00.000Z');

describe('MinuteBuckets', () => {
  it('reports the last hour minute by minute, oldest first, ending with the current minute', () => {
    let now = T0 + 30_000;
    const b = new MinuteBuckets(() => now);
    const series = b.series();
    expect(series).toHaveLength(60);
    expect(series[0]).toEqual({ minute: T0 - 59 * MIN, received: 0, sent: 0 });
    expect(series[59]).toEqual({ minute: T0, received: 0, sent: 0 });
    now += MIN;
    expect(b.series()[59]!.minute).toBe(T0 + MIN);
  });

  it('counts received and sent messages in the minute they happen', () => {
    let now = T0 + 1_000;
    const b = new MinuteBuckets(() => now);
    b.add('received');
    b.add('received');
    b.add('sent');
    now = T0 + 59_999;
    b.add('received');
    now = T0 + 2 * MIN + 5_000;
    b.add('sent');
    const tail = b.series().slice(-3);
    expect(tail).toEqual([
      { minute: T0, received: 3, sent: 1 },
      { minute: T0 + MIN, received: 0, sent: 0 },
      { minute: T0 + 2 * MIN, received: 0, sent: 1 },
    ]);
  });

  it('forgets minutes older than the window, also when their ring slot is reused', () => {
    let now = T0;
    const b = new MinuteBuckets(() => now, 3);
    b.add('received');
    now = T0 + 3 * MIN; // same slot as T0, one window later
    expect(b.series()).toEqual([
      { minute: T0 + MIN, received: 0, sent: 0 },
      { minute: T0 + 2 * MIN, received: 0, sent: 0 },
      { minute: T0 + 3 * MIN, received: 0, sent: 0 },
    ]);
    b.add('sent');
    expect(b.series()[2]).toEqual({ minute: T0 + 3 * MIN, received: 0, sent: 1 });
    now = T0 + 10 * MIN;
    expect(b.series().every((p) => p.received === 0 && p.sent === 0)).toBe(true);
  });
});

describe('MinuteBuckets: each message once, in the minute of its time', () => {
  it('counts a message announced again (edited, voted on, its media arrived) once', () => {
    const now = T0 + 30_000;
    const b = new MinuteBuckets(() => now);
    b.add('received', { id: 'A', at: T0 + 1_000 });
    b.add('received', { id: 'A', at: T0 + 1_000 });
    b.add('received', { id: 'B', at: T0 + 2_000 });
    expect(b.series().at(-1)).toEqual({ minute: T0, received: 2, sent: 0 });
  });

  it("counts a message in its own minute; one older than the hour nowhere, one stamped ahead of the clock now", () => {
    const now = T0 + 10 * MIN + 5_000;
    const b = new MinuteBuckets(() => now);
    b.add('received', { id: 'old', at: T0 + 5 * MIN + 1 });
    b.add('received', { id: 'ancient', at: T0 - 2 * 60 * MIN });
    b.add('sent', { id: 'ahead', at: T0 + 12 * MIN });
    const series = b.series();
    expect(series.find((p) => p.minute === T0 + 5 * MIN)).toEqual({ minute: T0 + 5 * MIN, received: 1, sent: 0 });
    expect(series.at(-1)).toEqual({ minute: T0 + 10 * MIN, received: 0, sent: 1 });
    expect(series.reduce((n, p) => n + p.received + p.sent, 0)).toBe(2);
  });

  it('forgets the ids of minutes that left the window', () => {
    let now = T0;
    const b = new MinuteBuckets(() => now, 3);
    b.add('received', { id: 'A', at: T0 });
    now = T0 + 5 * MIN;
    b.add('received', { id: 'B' });
    // A's minute left the window: announced again, it counts nowhere (its time is out of it).
    b.add('received', { id: 'A', at: T0 });
    expect(b.series().reduce((n, p) => n + p.received, 0)).toBe(1);
  });
});

describe('trackMessageRates', () => {
  it("counts received and the account's own messages, once each, whoever announces them again", () => {
    const now = T0 + 30_000;
    let listener: (e: HubEvent) => void = () => undefined;
    const rates = trackMessageRates({ subscribe: (fn) => ((listener = fn), () => undefined) }, () => now);
    const envelope = { sessionId: 's1', seq: 1, at: now };
    const view = (id: string, fromMe: boolean) => ({ id, fromMe, timestamp: T0 + 1_000 }) as MessageView;
    listener({ ...envelope, type: 'message', message: view('IN', false) });
    listener({ ...envelope, type: 'message', message: view('IN', false) }); // edited: announced again
    listener({ ...envelope, type: 'message-sent', message: view('OUT', true) });
    listener({ ...envelope, type: 'message', message: view('OUT', true) }); // our send, edited
    listener({ ...envelope, type: 'message', message: view('PHONE', true) }); // written on the phone
    listener({ ...envelope, sessionId: 's2', type: 'message', message: view('IN', false) }); // another session's
    expect(rates.series().at(-1)).toEqual({ minute: T0, received: 2, sent: 2 });
  });
});
