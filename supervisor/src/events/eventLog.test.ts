import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubEvent } from '@switchboard/shared';
import { connectDatabase, disconnectDatabase, Session, SessionEvent, silentLogger } from '@switchboard/shared/node';
import { startDbFaultProxy, type DbFaultProxy } from '../../../tests/support/dbFaultProxy.ts';
import { filterKeys, queriesOn } from '../../../tests/support/queryLog.ts';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { SessionRecords } from '../sessionRecords.ts';
import { EventLog } from './eventLog.ts';

const NOW = Date.UTC(2026, 10, 28, 12);

let proxy: DbFaultProxy;

// The real database behind a TCP proxy that can reset the connection of chosen commands.
beforeAll(async () => {
  const uri = testDbUri('sup_eventlog');
  proxy = await startDbFaultProxy(uri);
  await connectDatabase(proxy.uriFor(uri), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
  await proxy?.stop();
});

/** A heartbeat event told apart from others by its `rssBytes`. */
const beat = (rssBytes: number) => ({ type: 'heartbeat', rssBytes, heapUsedBytes: 1, eventLoopLagMs: 0, counters: {} }) as never;
const heartbeat = beat(1);

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

  it('after a restart, numbers on from the mirror and the events stored after it, read by `_id` alone (no scan on the embedded database)', async () => {
    await Session.create({ sessionId: 'r', name: 'r' });
    const records = new SessionRecords(silentLogger());
    const before = new EventLog(silentLogger(), () => NOW, records);
    await before.append('r', heartbeat);
    await records.drain();
    // Two more at once: a busy session is mirrored at most every 5 s, so the mirror says 1 when
    // the process dies here, and the log holds 3.
    await Promise.all([before.append('r', heartbeat), before.append('r', heartbeat)]);
    await records.drain();
    expect((await Session.findOne({ sessionId: 'r' }).lean())?.eventSeq).toBe(1);

    const { result: next, calls } = await queriesOn('sessionevents', () => new EventLog(silentLogger(), () => NOW, records).append('r', heartbeat));
    const reads = calls.filter(([method]) => method.startsWith('find')).map(filterKeys);
    expect(next?.seq).toBe(4);
    // Seq 2, 3 found, 4 not: three lookups by primary key, no filter by session.
    expect(reads).toEqual([['_id'], ['_id'], ['_id']]);
  });

  it('stores a burst of events in one request, numbered in order (group commit)', async () => {
    await Session.create({ sessionId: 'g', name: 'g' });
    const log = new EventLog(silentLogger(), () => NOW, new SessionRecords(silentLogger()));
    const inserts = proxy.watch('insert', 'sessionevents');
    const published = await Promise.all(Array.from({ length: 30 }, (_, i) => log.append('g', beat(i))));
    expect(published.map((e) => [e?.seq, (e as { rssBytes?: number } | null)?.rssBytes])).toEqual(Array.from({ length: 30 }, (_, i) => [i + 1, i]));
    expect(inserts.count).toBe(1);
    const stored = await SessionEvent.find({ sessionId: 'g' }).sort({ seq: 1 }).lean();
    expect(stored.map((d) => (d.payload as { rssBytes: number }).rssBytes)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('never holds an event behind one whose wait depends on it (a status change waits for its own event)', async () => {
    await Session.create({ sessionId: 'h', name: 'h' });
    const log = new EventLog(silentLogger(), () => NOW, new SessionRecords(silentLogger()));
    const first = log.append('h', beat(1));
    // The second event may only be published once the first one is (as Supervisor.changeStatus does).
    const second = log.append('h', beat(2), first);
    expect((await second)?.seq).toBe(2);
    expect((await first)?.seq).toBe(1);
  });

  it('publishes what a batch stored when another writer took a seq, and renumbers the rest after it', async () => {
    await Session.create({ sessionId: 'f', name: 'f' });
    const log = new EventLog(silentLogger(), () => NOW, new SessionRecords(silentLogger()));
    const seen: HubEvent[] = [];
    log.subscribe((e) => e.sessionId === 'f' && seen.push(e));
    expect((await log.append('f', beat(1)))?.seq).toBe(1);
    // Someone else wrote seq 3 behind this log's back: its counter (1) is now stale.
    await SessionEvent.create({ sessionId: 'f', seq: 3, type: 'heartbeat', payload: beat(99), at: new Date(NOW - 1) });
    const results = await Promise.all([2, 3, 4, 5].map((n) => log.append('f', beat(n))));
    expect(results.map((e) => [e?.seq, (e as { rssBytes?: number } | null)?.rssBytes])).toEqual([[2, 2], [4, 3], [5, 4], [6, 5]]);
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 4, 5, 6]);
    const stored = await SessionEvent.find({ sessionId: 'f' }).sort({ seq: 1 }).lean();
    expect(stored.map((d) => [d.seq, (d.payload as { rssBytes: number }).rssBytes])).toEqual([[1, 1], [2, 2], [3, 99], [4, 3], [5, 4], [6, 5]]);
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

  it('retries an event write that died with its connection: every seq is stored, in order, before it is published', async () => {
    await Session.create({ sessionId: 'd', name: 'd' });
    const log = new EventLog(silentLogger(), () => NOW, new SessionRecords(silentLogger()), { baseMs: 10, capMs: 50 });
    const published: number[] = [];
    const storedWhenPublished: Promise<boolean>[] = [];
    log.subscribe((e) => {
      if (e.sessionId !== 'd') return;
      published.push(e.seq);
      storedWhenPublished.push(SessionEvent.exists({ sessionId: 'd', seq: e.seq }).then(Boolean));
    });

    // The first insert (and a driver retry of it, if any) loses its connection.
    const cut = proxy.failCommand('insert', 'sessionevents', 2);
    const results = await Promise.all([1, 2, 3].map((n) => log.append('d', beat(n))));
    await cut;

    expect(results.map((e) => [e?.seq, (e as { rssBytes?: number } | null)?.rssBytes])).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(published).toEqual([1, 2, 3]);
    expect(await Promise.all(storedWhenPublished)).toEqual([true, true, true]);
    const stored = await SessionEvent.find({ sessionId: 'd' }).sort({ seq: 1 }).lean();
    expect(stored.map((d) => [d.seq, (d.payload as { rssBytes: number }).rssBytes])).toEqual([[1, 1], [2, 2], [3, 3]]);
  });

  it('drops an event it cannot store for live subscribers too, and gives its seq to the next one (replay has no gap)', async () => {
    await Session.create({ sessionId: 'e', name: 'e' });
    const log = new EventLog(silentLogger(), () => NOW, new SessionRecords(silentLogger()), { baseMs: 10, capMs: 20, maxAttempts: 3 });
    const seen: HubEvent[] = [];
    log.subscribe((e) => e.sessionId === 'e' && seen.push(e));

    // An outage longer than the retries: every insert into the event log dies.
    void proxy.failCommand('insert', 'sessionevents', 1_000);
    expect(await log.append('e', beat(1))).toBeNull();
    proxy.disarm();
    const next = await log.append('e', beat(2));

    expect(next?.seq).toBe(1);
    expect(seen.map((e) => [e.seq, (e as { rssBytes?: number }).rssBytes])).toEqual([[1, 2]]);
    const stored = await SessionEvent.find({ sessionId: 'e' }).lean();
    expect(stored.map((d) => [d.seq, (d.payload as { rssBytes: number }).rssBytes])).toEqual([[1, 2]]);
  });

  it('with fencing, stores events under this node’s token, and drops them once a newer owner wrote under a higher one, even while this node still believes it holds the lease', async () => {
    await Session.create({ sessionId: 'fenced', name: 'fenced' });
    // Node 1 holds the lease with token 1; node 2 adopts the session later with token 2.
    const stale = new EventLog(silentLogger(), () => NOW, new SessionRecords(silentLogger()));
    let held: number | undefined = 1;
    stale.setFence(() => held);
    const seen: HubEvent[] = [];
    stale.subscribe((e) => e.sessionId === 'fenced' && seen.push(e));

    expect((await stale.append('fenced', beat(1)))?.seq).toBe(1);
    const burst = await Promise.all([stale.append('fenced', beat(2)), stale.append('fenced', beat(3))]);
    expect(burst.map((e) => e?.seq)).toEqual([2, 3]);

    const owner = new EventLog(silentLogger(), () => NOW, new SessionRecords(silentLogger()));
    owner.setFence(() => 2);
    expect((await owner.append('fenced', beat(4)))?.seq).toBe(4);

    // Node 1 still has its token (frozen, not yet self-fenced): the database refuses it, one
    // event or a batch, and nothing is published.
    expect(await stale.append('fenced', beat(5))).toBeNull();
    expect(await Promise.all([stale.append('fenced', beat(6)), stale.append('fenced', beat(7))])).toEqual([null, null]);
    // Once it knows it lost the lease it does not even try.
    held = undefined;
    expect(await stale.append('fenced', beat(8))).toBeNull();
    expect((await owner.append('fenced', beat(9)))?.seq).toBe(5);

    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3]);
    const stored = await SessionEvent.find({ sessionId: 'fenced', seq: { $gt: 0 } }).sort({ seq: 1 }).lean();
    expect(stored.map((d) => [d.seq, (d.payload as { rssBytes: number }).rssBytes])).toEqual([[1, 1], [2, 2], [3, 3], [4, 4], [5, 9]]);
  });

  it('settles an actor barrier once the events before it are stored: false when one of them was dropped, and counts afresh after each barrier', async () => {
    await Session.create({ sessionId: 'barrier', name: 'barrier' });
    const log = new EventLog(silentLogger(), () => NOW, new SessionRecords(silentLogger()));
    let held: number | undefined = 1;
    log.setFence(() => held);
    expect(await log.settled('barrier')).toBe(true); // nothing appended
    const first = log.append('barrier', beat(1));
    const second = log.append('barrier', beat(2));
    const barrier = log.settled('barrier');
    expect(await barrier).toBe(true);
    // Resolved only after both events were stored.
    expect((await first)?.seq).toBe(1);
    expect((await second)?.seq).toBe(2);
    expect(await SessionEvent.countDocuments({ sessionId: 'barrier', seq: { $gt: 0 } })).toBe(2);

    held = undefined; // the lease is lost: dropped
    void log.append('barrier', beat(3));
    expect(await log.settled('barrier')).toBe(false);
    held = 1;
    void log.append('barrier', beat(4));
    expect(await log.settled('barrier')).toBe(true);
  });
});
