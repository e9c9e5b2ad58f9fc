import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, disconnectDatabase, SessionEvent, sessionEventId, silentLogger } from '@switchboard/shared/node';
import { startDbFaultProxy, type DbFaultProxy } from '../../../tests/support/dbFaultProxy.ts';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { EventInserts } from './eventInserts.ts';

let proxy: DbFaultProxy;

beforeAll(async () => {
  const uri = testDbUri('sup_eventinserts');
  proxy = await startDbFaultProxy(uri);
  await connectDatabase(proxy.uriFor(uri), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
  await proxy?.stop();
});

const at = new Date(Date.UTC(2026, 11, 4));
const events = (sessionId: string, from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ _id: sessionEventId(sessionId, from + i), sessionId, seq: from + i, type: 'heartbeat', payload: { type: 'heartbeat' }, at }));
const seqs = async (sessionId: string) => (await SessionEvent.find({ sessionId }, { seq: 1 }).sort({ seq: 1 }).lean()).map((e) => e.seq);

describe('EventInserts (group commit across sessions)', () => {
  it('stores the batches of sessions that wait behind a write with one request', async () => {
    const inserts = new EventInserts();
    const requests = proxy.watch('insert', 'sessionevents');
    const held = proxy.hold('insert', 'sessionevents');
    const first = inserts.insert(events('x0', 1, 2));
    await held.reached;
    const rest = ['x1', 'x2', 'x3', 'x4', 'x5'].map((s, i) => inserts.insert(events(s, 1, i + 1)));
    held.release();
    await Promise.all([first, ...rest]);
    expect(requests.count).toBe(2);
    expect(await seqs('x0')).toEqual([1, 2]);
    expect(await seqs('x5')).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives each caller the outcome of its own ordered insert when the request stops at a taken seq', async () => {
    await SessionEvent.create(events('y1', 2, 1));
    const inserts = new EventInserts();
    const held = proxy.hold('insert', 'sessionevents');
    const warm = inserts.insert(events('y9', 1, 1));
    await held.reached;
    // Behind the held write, together: y0 (stored), y1 whose seq 2 is taken (seq 1 stored), y2 and y3 (never tried by that request).
    const outcomes = Promise.allSettled([
      inserts.insert(events('y0', 1, 2)),
      inserts.insert(events('y1', 1, 3)),
      inserts.insert(events('y2', 1, 1)),
      inserts.insert(events('y3', 1, 2)),
    ]);
    held.release();
    await warm;
    const [y0, y1, y2, y3] = await outcomes;
    expect(y0.status).toBe('fulfilled');
    expect(y1).toMatchObject({ status: 'rejected', reason: { code: 11000, writeErrors: [{ index: 1, code: 11000 }] } });
    expect(y2.status).toBe('fulfilled');
    expect(y3.status).toBe('fulfilled');
    expect(await seqs('y0')).toEqual([1, 2]);
    expect(await seqs('y1')).toEqual([1, 2]);
    expect(await seqs('y2')).toEqual([1]);
    expect(await seqs('y3')).toEqual([1, 2]);

    // A single event whose seq is taken fails as `create` would: code 11000 and no write error list.
    const lone = new EventInserts();
    const held2 = proxy.hold('insert', 'sessionevents');
    const warm2 = lone.insert(events('z9', 1, 1));
    await held2.reached;
    const both = Promise.allSettled([lone.insert(events('y1', 2, 1)), lone.insert(events('z1', 1, 1))]);
    held2.release();
    await warm2;
    const [taken, fine] = await both;
    expect(taken).toMatchObject({ status: 'rejected', reason: { code: 11000 } });
    expect((taken as PromiseRejectedResult).reason.writeErrors).toBeUndefined();
    expect(fine.status).toBe('fulfilled');
    expect(await seqs('z1')).toEqual([1]);
  });
});
