import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { AuthKey, AuthState, authKeyId, connectDatabase, disconnectDatabase } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { FencedError, type Fencing } from './fence.ts';
import { mongoKeyStore, openMongoAuthState } from './mongoAuthState.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('actor_fence'), pino({ level: 'silent' }));
});
afterAll(async () => {
  await disconnectDatabase();
});

/** A fencing with `token` that records why it was fenced. */
function fencing(token: number): Fencing & { reasons: string[] } {
  const reasons: string[] = [];
  return { token, reasons, onFenced: (reason) => reasons.push(reason) };
}

/** A small key set Baileys would write (a Signal session record). */
const sessionKey = (id: string, v: number) => ({ session: { [id]: new Uint8Array([v]) } }) as never;

describe('fenced auth state', () => {
  it('writes creds and keys with the token, and refuses the older owner once a newer one opened the session', async () => {
    const oldF = fencing(1);
    const old = await openMongoAuthState('f-split', {}, oldF);
    await old.saveCreds();
    await old.state.keys.set(sessionKey('peer-a', 1));
    expect(await AuthState.findOne({ sessionId: 'f-split' }).lean()).toMatchObject({ fence: 1 });

    const newF = fencing(2);
    const current = await openMongoAuthState('f-split', {}, newF);
    expect(await AuthState.findOne({ sessionId: 'f-split' }).lean()).toMatchObject({ fence: 2 });
    await current.state.keys.set(sessionKey('peer-a', 2));

    old.state.creds.me = { id: '15550009999:1@s.whatsapp.net', name: 'Stale' };
    await expect(old.saveCreds()).rejects.toBeInstanceOf(FencedError);
    await expect(old.state.keys.set(sessionKey('peer-a', 9))).rejects.toBeInstanceOf(FencedError);
    // A key the newer owner never wrote is refused too (the key fence), and so is a stale delete.
    await expect(old.state.keys.set(sessionKey('peer-z', 9))).rejects.toBeInstanceOf(FencedError);
    await expect(old.state.keys.set({ session: { 'peer-a': null } } as never)).rejects.toBeInstanceOf(FencedError);
    expect(oldF.reasons).toHaveLength(4);
    expect(oldF.reasons[0]).toMatch(/credentials write refused: stale fencing token 1/);
    expect(newF.reasons).toEqual([]);

    const creds = await AuthState.findOne({ sessionId: 'f-split' }).lean();
    expect(creds?.data).not.toMatch(/Stale/);
    const key = await AuthKey.findById(authKeyId('f-split', 'session', 'peer-a')).lean();
    expect(key).toMatchObject({ fence: 2 });
    expect(await AuthKey.findById(authKeyId('f-split', 'session', 'peer-z')).lean()).toBeNull();
    expect(await current.state.keys.get('session', ['peer-a'])).toEqual({ 'peer-a': expect.anything() });
  });

  it('refuses a batch of keys from the older owner where the newer owner wrote one', async () => {
    const newer = await openMongoAuthState('f-batch', {}, fencing(5));
    await newer.saveCreds();
    await newer.state.keys.set({ 'pre-key': { '3': { public: new Uint8Array([5]), private: new Uint8Array([5]) } } } as never);
    const oldF = fencing(4);
    // Even a batch of keys nobody wrote yet: the key fence refuses it before the insert.
    const fresh = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`n${i}`, { public: new Uint8Array([4]), private: new Uint8Array([4]) }]));
    await expect(mongoKeyStore('f-batch', undefined, undefined, oldF).set({ 'pre-key': fresh } as never)).rejects.toBeInstanceOf(FencedError);
    expect(await AuthKey.countDocuments({ sessionId: 'f-batch', id: /^n/ })).toBe(0);
    const batch = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [String(i), { public: new Uint8Array([4]), private: new Uint8Array([4]) }]));
    await expect(mongoKeyStore('f-batch', undefined, undefined, oldF).set({ 'pre-key': batch } as never)).rejects.toBeInstanceOf(FencedError);
    expect(oldF.reasons).toHaveLength(2);
    expect(await AuthKey.findById(authKeyId('f-batch', 'pre-key', '3')).lean()).toMatchObject({ fence: 5 });
  });

  it('refuses to open a session whose creds a newer owner already fenced', async () => {
    await (await openMongoAuthState('f-open', {}, fencing(7))).saveCreds();
    const late = fencing(6);
    await expect(openMongoAuthState('f-open', {}, late)).rejects.toBeInstanceOf(FencedError);
    expect(late.reasons).toEqual(['auth state fenced by a newer owner (token 6)']);
    expect(await AuthState.findOne({ sessionId: 'f-open' }).lean()).toMatchObject({ fence: 7 });
  });

  it('writes no fence at all without a token (single-node mode)', async () => {
    const auth = await openMongoAuthState('f-none');
    await auth.saveCreds();
    await auth.state.keys.set(sessionKey('peer-b', 1));
    expect((await AuthState.findOne({ sessionId: 'f-none' }).lean())?.fence).toBeUndefined();
    expect((await AuthKey.findById(authKeyId('f-none', 'session', 'peer-b')).lean())?.fence).toBeUndefined();
  });
});
