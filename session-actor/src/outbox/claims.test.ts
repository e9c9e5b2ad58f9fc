/** Claims of pending sends against the real database, with and without fencing (cluster mode). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { connectDatabase, disconnectDatabase, Message, messageObjectId } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { claimAll, claimByKey, fencePending, releaseClaims } from './claims.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('actor_claims'), pino({ level: 'silent' }));
});
afterAll(async () => {
  await disconnectDatabase();
});

/** Pending outgoing messages of `sessionId`, as the hub accepts them (no fence unless given). */
async function pending(sessionId: string, ids: string[], fence?: number) {
  await Message.create(
    ids.map((messageId, i) => ({ sessionId, messageId, chatId: '34600000001@s.whatsapp.net', fromMe: true, kind: 'text' as const, text: messageId, status: 'pending' as const, timestamp: new Date(1_000 + i), ...(fence ? { fence } : {}) })),
  );
  return Message.find({ sessionId, messageId: { $in: ids } }).sort({ timestamp: 1 }).lean();
}

const doc = (sessionId: string, messageId: string) => Message.findById(messageObjectId(sessionId, messageId)).lean();

describe('outbox claims', () => {
  it('claims each message once, even when two actors read it (single node: no fence)', async () => {
    const msgs = await pending('cl-a', ['a1', 'a2']);
    expect((await claimAll(msgs)).map((m) => m.messageId)).toEqual(['a1', 'a2']);
    expect(await claimAll(msgs)).toEqual([]);
    expect(await doc('cl-a', 'a1')).toMatchObject({ attempts: 1 });
    expect((await doc('cl-a', 'a1'))?.fence).toBeUndefined();
    await releaseClaims(msgs);
    expect(await doc('cl-a', 'a2')).toMatchObject({ attempts: 0 });
  });

  it("stamps claims with the owner's token and refuses an older owner's claims", async () => {
    const msgs = await pending('cl-b', ['b1', 'b2', 'b3']);
    expect((await claimAll(msgs.slice(0, 1), 1)).map((m) => m.messageId)).toEqual(['b1']);
    expect(await doc('cl-b', 'b1')).toMatchObject({ attempts: 1, fence: 1 });
    // A newer owner (token 2) starts: every pending send of the session is fenced at once.
    await fencePending('cl-b', 2);
    expect((await Message.find({ sessionId: 'cl-b' }).lean()).map((m) => m.fence)).toEqual([2, 2, 2]);
    // The older owner, still running, claims nothing: not by a scan, not by key, not a release.
    const fresh = await Message.find({ sessionId: 'cl-b', messageId: { $in: ['b2', 'b3'] } }).sort({ timestamp: 1 }).lean();
    expect(await claimAll(fresh, 1)).toEqual([]);
    expect(await claimByKey('cl-b', 'b2', 1)).toBe('unclear');
    await releaseClaims(msgs.slice(0, 1), 1);
    expect(await doc('cl-b', 'b1')).toMatchObject({ attempts: 1 });
    // The owner claims them.
    expect((await claimAll(fresh, 2)).map((m) => m.messageId)).toEqual(['b2', 'b3']);
    expect(await doc('cl-b', 'b3')).toMatchObject({ attempts: 1, fence: 2 });
  });

  it('claims a send the owner stamped by key, and not one stamped by a newer owner', async () => {
    await pending('cl-c', ['c1'], 3);
    await pending('cl-c', ['c2'], 4);
    expect(await claimByKey('cl-c', 'c1', 3)).toMatchObject({ messageId: 'c1', attempts: 0 });
    expect(await doc('cl-c', 'c1')).toMatchObject({ attempts: 1, fence: 3 });
    expect(await claimByKey('cl-c', 'c2', 3)).toBe('unclear');
    expect(await claimByKey('cl-c', 'c2', 4)).toMatchObject({ messageId: 'c2' });
    expect(await claimByKey('cl-c', 'missing', 4)).toBe('done');
  });
});
