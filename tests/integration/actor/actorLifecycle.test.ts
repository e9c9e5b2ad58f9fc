import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@switchboard/wa-sim';
import { EXIT_CODES } from '@switchboard/shared';
import {
  AuthKey,
  AuthState,
  Chat,
  Media,
  Message,
  Session,
  connectDatabase,
  disconnectDatabase,
  readMedia,
  silentLogger,
} from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';
import { linkActor, runActor, simConfig, type ActorRun } from './harness.ts';

let sim: Simulator;
let uri: string;
const runs: ActorRun[] = [];

beforeAll(async () => {
  uri = testDbUri('actor_life');
  await connectDatabase(uri, silentLogger());
  sim = await startSimulator();
});

afterAll(async () => {
  await Promise.all(runs.map((r) => r.stop()));
  await sim?.stop();
  await disconnectDatabase();
});

async function start(sessionId: string, over: Parameters<typeof simConfig>[3] = {}) {
  if (!(await Session.exists({ sessionId }))) await Session.create({ sessionId, name: sessionId });
  const run = await runActor(simConfig(sim, sessionId, uri, over));
  runs.push(run);
  return run;
}

describe('session actor lifecycle', () => {
  it('reconnects with saved credentials without a QR after a restart of the actor', async () => {
    sim.createPhone({ phone: '15550008001', name: 'Uno' });
    sim.createContact({ phone: '15550008101', name: 'Ann' });
    const first = await start('life-1');
    await linkActor(sim, first, '15550008001');
    const gone = new Promise((resolve) => sim.on('disconnected', (d) => d.phone === '15550008001' && resolve(d)));
    await first.stop();
    expect((await first.exited).code).toBe(EXIT_CODES.NORMAL);
    // Written once the server has seen the device go (the simulator, unlike WhatsApp, does not
    // redeliver what it wrote to a closing socket): it is queued for the next login.
    await gone;
    const { id } = await sim.contactSend('15550008101', { to: '15550008001', text: 'while you were away' });

    // No chat preload: no history sync is requested, so Baileys does not hold incoming events
    // back for up to 20 s waiting for one (the simulator never sends history).
    const second = await start('life-1', { preloadChats: { type: 'individual', limit: 0 } });
    await second.waitFor('connection-state', (e) => e.status === 'connected');
    expect(second.events.some((e) => e.type === 'qr')).toBe(false);
    expect((await second.waitFor('message', (e) => e.message.id === id)).message.text).toBe('while you were away');
    expect(await Message.countDocuments({ sessionId: 'life-1', messageId: id })).toBe(1);
    expect((await Chat.findOne({ sessionId: 'life-1', jid: '15550008101@s.whatsapp.net' }).lean())?.unreadCount).toBe(1);
  });

  it('reconnects inside the actor after a dropped connection and then delivers what was queued', async () => {
    sim.createPhone({ phone: '15550008002', name: 'Dos' });
    sim.createContact({ phone: '15550008102', name: 'Bob' });
    const run = await start('life-2');
    await linkActor(sim, run, '15550008002');
    const opens = () => run.events.filter((e) => e.type === 'connection-state' && e.status === 'connected').length;
    const before = opens();
    sim.injectFault({ phone: '15550008002', kind: 'drop' });
    const lost = await run.waitFor('connection-state', (e) => e.status === 'reconnecting');
    expect(lost.cause).toBe('connection_closed');
    const messageId = `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;
    await Message.create({
      sessionId: 'life-2', chatId: '15550008102', messageId, fromMe: true, status: 'pending', kind: 'text', text: 'after reconnect', timestamp: new Date(),
    });
    await run.waitFor('connection-state', (e) => e.status === 'connected' && opens() > before);
    // The hub calls flushOutbox after storing a send; the open itself flushes too.
    await run.handlers.flushOutbox({});
    const got = await sim.waitForReceived('15550008102', (m) => m.id === messageId);
    expect(got.text).toBe('after reconnect');
    expect(run.events.some((e) => e.type === 'qr' && run.events.indexOf(e) > run.events.indexOf(lost))).toBe(false);
  });

  it('on 401 clears the credentials and exits LOGGED_OUT', async () => {
    sim.createPhone({ phone: '15550008003', name: 'Tres' });
    const run = await start('life-3');
    await linkActor(sim, run, '15550008003');
    expect(await AuthKey.countDocuments({ sessionId: 'life-3' })).toBeGreaterThan(0);
    sim.unlink('15550008003');
    const state = await run.waitFor('connection-state', (e) => e.status === 'logged_out');
    expect(state).toMatchObject({ cause: 'logged_out', statusCode: 401 });
    expect((await run.exited).code).toBe(EXIT_CODES.LOGGED_OUT);
    expect(await AuthState.countDocuments({ sessionId: 'life-3' })).toBe(0);
    expect(await AuthKey.countDocuments({ sessionId: 'life-3' })).toBe(0);
  });

  it('on 440 (replaced) exits REPLACED and keeps the credentials', async () => {
    sim.createPhone({ phone: '15550008004', name: 'Cuatro' });
    const run = await start('life-4');
    await linkActor(sim, run, '15550008004');
    sim.injectFault({ phone: '15550008004', kind: 'stream-error', code: 440 });
    await run.waitFor('connection-state', (e) => e.status === 'replaced');
    expect((await run.exited).code).toBe(EXIT_CODES.REPLACED);
    expect(await AuthState.countDocuments({ sessionId: 'life-4' })).toBe(1);
  });

  it('links by pairing code', async () => {
    sim.createPhone({ phone: '15550008005', name: 'Cinco' });
    const run = await start('life-5');
    const { code } = await run.handlers.requestPairingCode({ phone: '15550008005' });
    expect(code).toMatch(/^[1-9A-Z]{8}$/);
    expect((await run.waitFor('pairing-code')).code).toBe(code);
    await sim.enterPairingCode('15550008005', code);
    await run.waitFor('connection-state', (e) => e.status === 'connected');
    await expect(run.handlers.requestPairingCode({ phone: '15550008005' })).rejects.toMatchObject({ code: 'already_paired' });
  });

  it('answers the commands: probe, presence, markRead, profilePicture (cached), logout', async () => {
    sim.createPhone({ phone: '15550008006', name: 'Seis' });
    sim.createContact({ phone: '15550008106', name: 'Carol' });
    const run = await start('life-6');
    const { qr } = await run.waitFor('qr');
    expect(await run.handlers.getQr({})).toEqual({ qr });
    await expect(run.handlers.presence({ state: 'composing', chatJid: '15550008106' })).rejects.toMatchObject({ code: 'not_connected' });
    await linkActor(sim, run, '15550008006');
    expect(await run.handlers.getQr({})).toEqual({ qr: null });

    const probe = await run.handlers.probe({});
    expect(probe.open).toBe(true);
    expect(probe.lastTrafficAt).toBeGreaterThan(Date.now() - 10_000);

    const typing = new Promise((resolve) => sim.on('presence', (p) => p.type === 'composing' && resolve(p)));
    await run.handlers.presence({ state: 'composing', chatJid: '15550008106' });
    await typing;

    const { id } = await sim.contactSend('15550008106', { to: '15550008006', text: 'read me' });
    await run.waitFor('message', (e) => e.message.id === id);
    const receipt = new Promise((resolve) => sim.on('receipt', (r) => r.ids.includes(id) && r.type === 'read' && resolve(r)));
    await run.handlers.markRead({ chatJid: '15550008106@s.whatsapp.net', messageIds: [id] });
    await receipt;
    expect((await Chat.findOne({ sessionId: 'life-6', jid: '15550008106@s.whatsapp.net' }).lean())?.unreadCount).toBe(0);
    expect((await Message.findOne({ sessionId: 'life-6', messageId: id }).lean())?.status).toBe('read');

    const jpeg = randomBytes(2048);
    sim.setProfilePicture('15550008106', jpeg);
    const pic = await run.handlers.profilePicture({ jid: '15550008106' });
    expect(pic.mediaId).toBeTruthy();
    const media = await Media.findById(pic.mediaId).lean();
    expect((await readMedia(media!.gridFsId)).equals(jpeg)).toBe(true);
    sim.setProfilePicture('15550008106', randomBytes(10));
    expect(await run.handlers.profilePicture({ jid: '15550008106@s.whatsapp.net' })).toEqual(pic);

    expect(await run.handlers.logout({})).toEqual({ ok: true });
    expect((await run.exited).code).toBe(EXIT_CODES.LOGGED_OUT);
    expect(await AuthState.countDocuments({ sessionId: 'life-6' })).toBe(0);
  });
});
