import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthKey,
  AuthState,
  connectDatabase,
  disconnectDatabase,
  PasswordResetToken,
  SendKey,
  Session,
  SessionEvent,
  silentLogger,
} from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { DEFAULT_CLEANUP_POLICY, runCleanup } from './cleanup.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 28, 12);

beforeAll(async () => {
  await connectDatabase(testDbUri('sup_cleanup'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('runCleanup', () => {
  it('expires old events, send keys and reset tokens, drops stale credentials and resets long-problematic sessions', async () => {
    const at = (msAgo: number) => new Date(NOW - msAgo);
    await Session.create([
      { sessionId: 'live', name: 'live', status: 'connected' },
      { sessionId: 'gone', name: 'gone', status: 'logged_out' },
      { sessionId: 'stuck', name: 'stuck', status: 'problematic', problematicSince: at(2 * 3_600_000) },
      { sessionId: 'fresh-stuck', name: 'fresh', status: 'problematic', problematicSince: at(60_000) },
    ]);
    await SessionEvent.create([
      { sessionId: 'live', seq: 1, type: 'qr', payload: null, at: at(8 * DAY) },
      { sessionId: 'live', seq: 2, type: 'qr', payload: null, at: at(DAY) },
    ]);
    await SendKey.create({ _id: 'live:c1', sessionId: 'live', messageId: 'm1' });
    await SendKey.collection.updateOne({ _id: 'live:c1' as never }, { $set: { createdAt: at(8 * DAY) } }); // createdAt is immutable in mongoose
    await SendKey.create({ _id: 'live:c2', sessionId: 'live', messageId: 'm2' });
    await PasswordResetToken.create([
      { userId: '64b000000000000000000001', tokenHash: 'a', expiresAt: at(1_000) },
      { userId: '64b000000000000000000001', tokenHash: 'b', expiresAt: new Date(NOW + 3_600_000) },
    ]);
    for (const sessionId of ['live', 'gone']) {
      await AuthState.create({ sessionId, data: '{}' });
      await AuthKey.create({ sessionId, type: 'session', id: '1', data: '{}' });
    }
    const resets: string[] = [];

    const result = await runCleanup(NOW, DEFAULT_CLEANUP_POLICY, async (id) => void resets.push(id), silentLogger());

    expect(result).toEqual({ events: 1, sendKeys: 1, resetTokens: 1, credentialsCleared: ['gone'], problematicReset: ['stuck'] });
    expect(resets).toEqual(['stuck']);
    expect((await SessionEvent.find({}).lean()).map((e) => e.seq)).toEqual([2]);
    expect(await SendKey.countDocuments({})).toBe(1);
    expect(await AuthState.countDocuments({ sessionId: 'live' })).toBe(1);
    expect(await AuthKey.countDocuments({ sessionId: 'gone' })).toBe(0);
  });
});
