import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubEvent } from '@switchboard/shared';
import { connectDatabase, disconnectDatabase, Session, SessionEvent, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { SessionRecords } from '../sessionRecords.ts';
import { EventLog } from './eventLog.ts';

const NOW = Date.UTC(2026, 10, 28, 12);

beforeAll(async () => {
  await connectDatabase(testDbUri('sup_eventlog'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

const heartbeat = { type: 'heartbeat', rssBytes: 1, heapUsedBytes: 1, eventLoopLagMs: 0, counters: {} } as never;

describe('EventLog', () => {
  it('numbers events per session in order, persists them, mirrors the last seq once idle, and continues after old events are deleted', async () => {
    await Session.create([{ sessionId: 'a', name: 'a' }, { sessionId: 'b', name: 'b' }]);
    const records = new SessionRecords(silentLogger());
    const log = new EventLog(silentLogger(), () => NOW, records);
    const seen: HubEvent[] = [];
    log.subscribe((e) => seen.push(e));

    const published = await Promise.all([
      ...Array.from({ length: 20 }, () => log.append('a', heartbeat)),
      log.append('b', heartbeat),
    ]);
    expect(published.filter((e) => e?.sessionId === 'a').map((e) => e!.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(seen.filter((e) => e.sessionId === 'b').map((e) => e.seq)).toEqual([1]);
    expect(await SessionEvent.countDocuments({ sessionId: 'a' })).toBe(20);

    await log.drain();
    await records.drain();
    expect((await Session.findOne({ sessionId: 'a' }).lean())?.eventSeq).toBe(20);

    // A new process (restart) after clean-up removed every stored event keeps counting.
    await SessionEvent.deleteMany({ sessionId: 'a' });
    const next = new EventLog(silentLogger(), () => NOW, records);
    expect((await next.append('a', heartbeat))?.seq).toBe(21);
  });

  it('mirrors a busy session at most every 5 s, and everything on drain', async () => {
    await Session.create({ sessionId: 'c', name: 'c' });
    const records = new SessionRecords(silentLogger());
    let now = NOW;
    const log = new EventLog(silentLogger(), () => now, records);
    const mirrored = async () => {
      await records.drain();
      return (await Session.findOne({ sessionId: 'c' }).lean())?.eventSeq;
    };
    await log.append('c', heartbeat);
    expect(await mirrored()).toBe(1);
    await log.append('c', heartbeat);
    expect(await mirrored()).toBe(1);
    now += 5_000;
    await log.append('c', heartbeat);
    expect(await mirrored()).toBe(3);
    await log.append('c', heartbeat);
    expect(await mirrored()).toBe(3);
    await log.drain();
    expect(await mirrored()).toBe(4);
  });
});
