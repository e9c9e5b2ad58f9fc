import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { Curve, proto } from '@whiskeysockets/baileys';
import { AuthKey, AuthState, authKeyId, connectDatabase, disconnectDatabase } from '@switchboard/shared/node';
import { startDbFaultProxy, type DbFaultProxy } from '../../../tests/support/dbFaultProxy.ts';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { mongoKeyStore, openMongoAuthState } from './mongoAuthState.ts';
import { encodeAuth } from './codec.ts';
import { INBOX_KEY_TYPE, withKeyRiders, type KeyRider } from './keyRiders.ts';

let proxy: DbFaultProxy;

// The real database behind a TCP proxy that can reset the connection of chosen commands.
beforeAll(async () => {
  const uri = testDbUri('actor_auth');
  proxy = await startDbFaultProxy(uri);
  await connectDatabase(proxy.uriFor(uri), pino({ level: 'silent' }));
});
afterAll(async () => {
  await disconnectDatabase();
  await proxy?.stop();
});

describe('Mongo auth state', () => {
  it('creates fresh creds once and reloads exactly what was saved', async () => {
    const first = await openMongoAuthState('s-creds');
    expect(first.registered).toBe(false);
    first.state.creds.me = { id: '15550001111:5@s.whatsapp.net', lid: '999:5@lid', name: 'Shop' };
    first.state.creds.routingInfo = Buffer.from([1, 2, 3]);
    await first.saveCreds();

    const again = await openMongoAuthState('s-creds');
    expect(again.registered).toBe(true);
    expect(again.state.creds).toEqual(first.state.creds);
    expect(Buffer.isBuffer(again.state.creds.noiseKey.private)).toBe(true);
    expect(Buffer.compare(Buffer.from(again.state.creds.noiseKey.private), Buffer.from(first.state.creds.noiseKey.private))).toBe(0);
    expect(await AuthState.countDocuments({ sessionId: 's-creds' })).toBe(1);
  });

  it('retries a creds write that dies with its connection until the database has what memory has', async () => {
    const auth = await openMongoAuthState('s-creds-blip', { baseMs: 10, capMs: 50 });
    await auth.saveCreds();
    auth.state.creds.me = { id: '15550001112:5@s.whatsapp.net', name: 'Blip' };
    const cut = proxy.failCommand('update', 'authstates', 2);
    await auth.saveCreds();
    await cut;
    const stored = await AuthState.findOne({ sessionId: 's-creds-blip' }).lean();
    expect(stored?.data).toBe(encodeAuth(auth.state.creds));
  });

  it('rejects a creds write only once its retries are spent', async () => {
    const auth = await openMongoAuthState('s-creds-outage', { baseMs: 10, capMs: 20, maxAttempts: 3 });
    void proxy.failCommand('update', 'authstates', 1_000);
    const before = proxy.cuts;
    await expect(auth.saveCreds()).rejects.toMatchObject({ name: expect.stringMatching(/^Mongo/) });
    proxy.disarm();
    expect(proxy.cuts - before).toBeGreaterThanOrEqual(3);
  });

  it('stores one document per key, upserts in place and deletes only the key set to null', async () => {
    const auth = await openMongoAuthState('s-keys');
    const preKey = Curve.generateKeyPair();
    const appKey = proto.Message.AppStateSyncKeyData.fromObject({ keyData: Buffer.alloc(32, 7), timestamp: 5 });
    await auth.state.keys.set({
      'pre-key': { '1': preKey, '2': Curve.generateKeyPair() },
      session: { 'a.0': Buffer.from('session-a') },
      'app-state-sync-key': { K1: appKey },
    });
    expect(await AuthKey.countDocuments({ sessionId: 's-keys' })).toBe(4);

    await auth.state.keys.set({ session: { 'a.0': Buffer.from('session-a2') }, 'pre-key': { '2': null } });
    expect(await AuthKey.countDocuments({ sessionId: 's-keys' })).toBe(3);

    const reopened = await openMongoAuthState('s-keys');
    const pre = await reopened.state.keys.get('pre-key', ['1', '2']);
    expect(Object.keys(pre)).toEqual(['1']);
    expect(Buffer.from(pre['1']!.private).equals(Buffer.from(preKey.private))).toBe(true);
    const sessions = await reopened.state.keys.get('session', ['a.0', 'missing']);
    expect(Buffer.from(sessions['a.0']!).toString()).toBe('session-a2');
    const app = await reopened.state.keys.get('app-state-sync-key', ['K1']);
    expect(app['K1']).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(app['K1']!.keyData!).equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it('remembers keys that do not exist until it writes them, and never while a write is under way', async () => {
    const auth = await openMongoAuthState('s-absent');
    const reads = proxy.watch('find', 'authkeys');
    expect(await auth.state.keys.get('lid-mapping', ['15550001111'])).toEqual({});
    expect(await auth.state.keys.get('lid-mapping', ['15550001111'])).toEqual({});
    expect(reads.count).toBe(1);
    // Written by this store: found at once (the remembered miss is forgotten).
    await auth.state.keys.set({ 'lid-mapping': { '15550001111': '999' } });
    expect(await auth.state.keys.get('lid-mapping', ['15550001111'])).toEqual({ '15550001111': '999' });

    // A miss read while a write is queued is not remembered: the key being written shows up next time.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = mongoKeyStore('s-absent', async (task) => {
      await gate;
      return task();
    });
    const writing = held.set({ session: { 'b.0': Buffer.from('session-b') } });
    expect(await held.get('session', ['b.0'])).toEqual({});
    release();
    await writing;
    const after = await held.get('session', ['b.0']);
    expect(Buffer.from(after['b.0']!).toString()).toBe('session-b');
  });

  it('handles a large batch (first login uploads hundreds of pre-keys)', async () => {
    const auth = await openMongoAuthState('s-bulk');
    const batch: Record<string, ReturnType<typeof Curve.generateKeyPair>> = {};
    for (let i = 1; i <= 300; i++) batch[String(i)] = Curve.generateKeyPair();
    await auth.state.keys.set({ 'pre-key': batch });
    // Read back by `_id` in one request (an `$in` list), and a miss among hits is just absent.
    const reads = proxy.watch('find', 'authkeys');
    const got = await auth.state.keys.get('pre-key', [...Object.keys(batch), '999']);
    expect(Object.keys(got)).toHaveLength(300);
    expect(Buffer.from(got['123']!.public).equals(Buffer.from(batch['123']!.public))).toBe(true);
    expect(reads.count).toBe(1);

    // A batch mixing existing and new keys: existing ones are replaced, new ones inserted.
    const replaced = Curve.generateKeyPair();
    await auth.state.keys.set({ 'pre-key': { '7': replaced, '301': Curve.generateKeyPair() } });
    expect(await AuthKey.countDocuments({ sessionId: 's-bulk' })).toBe(301);
    const seven = await auth.state.keys.get('pre-key', ['7']);
    expect(Buffer.from(seven['7']!.public).equals(Buffer.from(replaced.public))).toBe(true);

    // A large batch mixing both takes the batch-insert path, then replaces the existing ones.
    const big: Record<string, ReturnType<typeof Curve.generateKeyPair>> = {};
    for (let i = 290; i <= 320; i++) big[String(i)] = Curve.generateKeyPair();
    await auth.state.keys.set({ 'pre-key': big });
    expect(await AuthKey.countDocuments({ sessionId: 's-bulk' })).toBe(320);
    const mixed = await auth.state.keys.get('pre-key', ['295', '310']);
    expect(Buffer.from(mixed['295']!.public).equals(Buffer.from(big['295']!.public))).toBe(true);
    expect(Buffer.from(mixed['310']!.public).equals(Buffer.from(big['310']!.public))).toBe(true);
  });

  it('writes the riders of a commit in its request, ahead of the keys, once', async () => {
    const auth = await openMongoAuthState('s-riders');
    const requests = proxy.watch('update', 'authkeys');
    const ops: { filter: { _id: string } }[][] = [];
    AuthKey.base.set('debug', (collection: string, method: string, list: unknown) => {
      if (collection === 'authkeys' && method === 'bulkWrite') ops.push((list as { replaceOne: { filter: { _id: string } } }[]).map((op) => op.replaceOne));
    });
    const rider: KeyRider = { type: INBOX_KEY_TYPE, id: 'M1|0', data: '{"part":0}', written: false };
    try {
      await withKeyRiders([rider], async () => auth.state.keys.set({ session: { 'c.0': Buffer.from('session-c') } }));
      // The next commit in the same context does not write it again.
      await withKeyRiders([rider], async () => auth.state.keys.set({ session: { 'c.0': Buffer.from('session-c2') } }));
    } finally {
      AuthKey.base.set('debug', false);
    }
    expect(requests.count).toBe(2);
    expect(rider.written).toBe(true);
    expect(ops.map((list) => list.map((op) => op.filter._id))).toEqual([
      [authKeyId('s-riders', INBOX_KEY_TYPE, 'M1|0'), authKeyId('s-riders', 'session', 'c.0')],
      [authKeyId('s-riders', 'session', 'c.0')],
    ]);
    expect(await AuthKey.findById(authKeyId('s-riders', INBOX_KEY_TYPE, 'M1|0')).lean()).toMatchObject({ sessionId: 's-riders', data: '{"part":0}' });

    // A wiped store writes nothing, riders included: the caller stores them itself.
    const late: KeyRider = { type: INBOX_KEY_TYPE, id: 'M2|0', data: '{}', written: false };
    await auth.clear();
    await withKeyRiders([late], async () => auth.state.keys.set({ session: { 'c.0': Buffer.from('session-c3') } }));
    expect(late.written).toBe(false);
    // Clearing the keys (logout) keeps messages decrypted and not yet stored.
    expect(await AuthKey.countDocuments({ sessionId: 's-riders' })).toBe(1);
  });

  it('clear removes the creds and every key of that session only', async () => {
    const a = await openMongoAuthState('s-clear');
    await a.saveCreds();
    await a.state.keys.set({ session: { x: Buffer.from('1') } });
    const b = await openMongoAuthState('s-keep');
    await b.saveCreds();
    await b.state.keys.set({ session: { y: Buffer.from('2') } });

    await a.clear();
    // Late writes after the wipe (Baileys closing) are dropped.
    await a.saveCreds();
    await a.state.keys.set({ session: { z: Buffer.from('3') } });
    expect(await AuthState.countDocuments({ sessionId: 's-clear' })).toBe(0);
    expect(await AuthKey.countDocuments({ sessionId: 's-clear' })).toBe(0);
    expect(await AuthState.countDocuments({ sessionId: 's-keep' })).toBe(1);
    expect(await AuthKey.countDocuments({ sessionId: 's-keep' })).toBe(1);
  });
});
