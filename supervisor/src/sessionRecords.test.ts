import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, disconnectDatabase, Session, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../tests/support/testDb.ts';
import { SessionRecords } from './sessionRecords.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('sup_records'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('SessionRecords', () => {
  it('writes to the current document of a session, also after it was deleted and created again', async () => {
    const records = new SessionRecords(silentLogger());
    await Session.create({ sessionId: 'r1', name: 'first' });
    await records.setStatus('r1', 'connected', { lastError: null });
    expect((await Session.findOne({ sessionId: 'r1' }).lean())?.status).toBe('connected');

    await Session.deleteOne({ sessionId: 'r1' });
    await records.setStatus('r1', 'stopped'); // no document: nothing happens
    expect(await Session.countDocuments({ sessionId: 'r1' })).toBe(0);

    await Session.create({ sessionId: 'r1', name: 'again' });
    await records.actorStarted('r1', 4242, new Date(0));
    await records.health('r1', { at: new Date(1000), healthy: false, issues: ['no heartbeat'] });
    const doc = await Session.findOne({ sessionId: 'r1' }).lean();
    expect(doc).toMatchObject({ name: 'again', status: 'starting', metrics: { pid: 4242, connectionAttempts: 1 }, health: { healthy: false, issues: ['no heartbeat'] } });
  });
});
