/**
 * The SessionHub side of a node (LocalHub) over a real Supervisor forking the fixture actor,
 * against the real database: sends, command dispatch and snapshots.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, disconnectDatabase, Message, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../tests/support/testDb.ts';
import { fixtureSupervisors } from './testing/fixtureSupervisors.ts';

let uri = '';
const fixtures = fixtureSupervisors(() => uri);

beforeAll(async () => {
  uri = testDbUri('local_hub');
  await connectDatabase(uri, silentLogger());
});
afterEach(async () => {
  await fixtures.shutdownAll();
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('LocalHub', () => {
  it("calls a command on the session's running actor, and rejects one for a session without an actor with a coded error", async () => {
    const { sup, rec } = fixtures.create();
    const id = await fixtures.session('ok');
    await sup.hub.start(id);
    await rec.waitFor((e) => e.sessionId === id && e.type === 'qr');
    await expect(sup.hub.call(id, 'probe', {})).resolves.toEqual({ open: true, lastTrafficAt: 42 });
    await expect(sup.hub.call('nope', 'probe', {})).rejects.toMatchObject({ code: 'actor_not_running' });
    expect(sup.hub.snapshot(id)).toMatchObject({ sessionId: id, status: 'qr' });
    expect(sup.hub.snapshots().map((s) => s.sessionId)).toEqual([id]);
  });

  it('stores a send as pending before delivery, once per clientId, and asks the actor to flush', async () => {
    const { sup, rec } = fixtures.create();
    const hub = sup.hub;
    const id = await fixtures.session('ok');
    await hub.start(id);
    await rec.waitFor((e) => e.sessionId === id && e.type === 'qr');
    const first = await hub.send(id, { to: '+34 600 000 001', kind: 'text', text: 'hola', clientId: 'c-1' });
    expect(first).toMatchObject({ status: 'pending', duplicate: false });
    expect(first.messageId).toMatch(/^3EB0[0-9A-F]{18}$/);
    const again = await hub.send(id, { to: '+34 600 000 001', kind: 'text', text: 'hola', clientId: 'c-1' });
    expect(again).toEqual({ ...first, duplicate: true });
    const stored = await Message.find({ sessionId: id }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ chatId: '34600000001@s.whatsapp.net', fromMe: true, status: 'pending', clientId: 'c-1' });
    await rec.waitFor((e) => e.sessionId === id && e.type === 'chat-update' && e.chatId === 'flushed@s.whatsapp.net');
    await expect(hub.send(id, { to: 'nobody', kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'invalid_recipient' });
    await expect(hub.send(id, { to: '34600000001', kind: 'text', text: ' ' })).rejects.toMatchObject({ code: 'invalid_message' });
    await hub.refreshOutboxDepth();
    expect(hub.snapshot(id)?.outboxDepth).toBe(1);
  });

  it('refuses a send to a session that does not exist, and every send once the supervisor shuts down', async () => {
    const { sup } = fixtures.create();
    const id = await fixtures.session('ok');
    await expect(sup.hub.send('missing-session', { to: '34600000001', kind: 'text', text: 'hola' })).rejects.toMatchObject({ code: 'session_not_found' });
    await sup.shutdown();
    await expect(sup.hub.send(id, { to: '34600000001', kind: 'text', text: 'hola' })).rejects.toMatchObject({ code: 'hub_closed' });
  });
});
