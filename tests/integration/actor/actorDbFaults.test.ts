/**
 * Issue 14: a transient fault must never lose media or fail a send for good. The actor runs
 * against the real database through a TCP proxy that resets the connection of chosen commands
 * (tests/support/dbFaultProxy.ts), with real Baileys against the simulator and its faults.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@switchboard/wa-sim';
import { EXIT_CODES } from '@switchboard/shared';
import { AuthState, Media, Message, Session, connectDatabase, disconnectDatabase, readMedia, silentLogger } from '@switchboard/shared/node';
import { startDbFaultProxy, type DbFaultProxy } from '../../support/dbFaultProxy.ts';
import { testDbUri } from '../../support/testDb.ts';
import { linkActor, queueDocument, runActor, simConfig, type ActorRun } from './harness.ts';

const SESSION = 'blips';
const PHONE = '15550007301';
const ALICE = '15550007302';
let sim: Simulator;
let proxy: DbFaultProxy;
let run: ActorRun;
let dbUri: string;
/** The actor started after `run` stopped itself (last test). */
let again: ActorRun | undefined;

beforeAll(async () => {
  const uri = testDbUri('actor_db_faults');
  dbUri = uri;
  proxy = await startDbFaultProxy(uri);
  await connectDatabase(proxy.uriFor(uri), silentLogger());
  sim = await startSimulator();
  sim.createPhone({ phone: PHONE, name: 'Shop' });
  sim.createContact({ phone: ALICE, name: 'Alice' });
  await Session.create({ sessionId: SESSION, name: 'Blips' });
  run = await runActor(simConfig(sim, SESSION, proxy.uriFor(uri), { preloadChats: { type: 'individual', limit: 0 } }), {
    credsRetry: { baseMs: 10, capMs: 20, maxAttempts: 3 },
  });
  await linkActor(sim, run, PHONE);
});

afterAll(async () => {
  await again?.stop();
  await run?.stop();
  await sim?.stop();
  await disconnectDatabase();
  await proxy?.stop();
});

const queueReport = (): Promise<string> => queueDocument(SESSION, `${ALICE}@s.whatsapp.net`, 'report.pdf', 2048);

/** The message went out once, is stored as sent, and no failure was ever announced. */
async function expectSentOnce(messageId: string): Promise<void> {
  await run.waitFor('message-sent', (e) => e.message.id === messageId);
  await sim.waitForReceived(ALICE, (m) => m.id === messageId);
  expect(sim.received(ALICE).filter((m) => m.id === messageId)).toHaveLength(1);
  expect((await Message.findOne({ sessionId: SESSION, messageId }).lean())?.status).toMatch(/sent|delivered|read/);
  expect(run.events.some((e) => e.type === 'message-status' && e.messageId === messageId && e.status === 'failed')).toBe(false);
}

describe('actor under transient faults', () => {
  it('keeps a send queued when reading its media dies with the connection, and sends it once the database answers', async () => {
    const messageId = await queueReport();
    // The driver retries a read once: both tries of the Media lookup lose their connection.
    const cut = proxy.failCommand('find', 'media', 2);
    await run.handlers.flushOutbox({});
    await cut;
    await expectSentOnce(messageId);
  });

  it('retries the outbox by itself when the pending-message query dies with the connection', async () => {
    const messageId = await queueReport();
    const cut = proxy.failCommand('find', 'messages', 2);
    await run.handlers.flushOutbox({});
    await cut;
    await expectSentOnce(messageId);
  });

  it('stores incoming media whose download fails as pending, downloads it later and announces it again', async () => {
    sim.injectFault({ phone: PHONE, kind: 'media-download-error', status: 503, times: 2 });
    const image = randomBytes(20_000);
    const { id } = await sim.contactSend(ALICE, { to: PHONE, image, mimetype: 'image/jpeg', caption: 'later' });
    const first = await run.waitFor('message', (e) => e.message.id === id);
    expect(first.message).toMatchObject({ kind: 'image', caption: 'later', mediaStatus: 'pending' });
    expect(first.message.mediaId).toBeUndefined();
    const second = await run.waitFor('message', (e) => e.message.id === id && !!e.message.mediaId);
    expect(second.message.mediaStatus).toBeUndefined();
    expect(second.message.media).toMatchObject({ mimeType: 'image/jpeg', size: image.length });
    const stored = await Message.findOne({ sessionId: SESSION, messageId: id }).lean();
    expect(stored).toMatchObject({ mediaStatus: null, caption: 'later' });
    expect(String(stored?.mediaId)).toBe(second.message.mediaId);
    const media = await Media.findById(stored?.mediaId).lean();
    expect((await readMedia(media!.gridFsId)).equals(image)).toBe(true);
    expect(await Message.db.collection('mediaretries').countDocuments({ sessionId: SESSION })).toBe(0);
  });

  it('sends a message once when the write recording its ack fails and another flush runs meanwhile', async () => {
    // Without receipts only the outbox's own `sent` write can move the message on.
    sim.setAutoReceipts(ALICE, { delivery: false });
    const messageId = `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;
    await Message.create({
      sessionId: SESSION, chatId: `${ALICE}@s.whatsapp.net`, messageId, fromMe: true, status: 'pending',
      kind: 'text', text: 'once only', timestamp: new Date(),
    });
    // The `sent` write (and the driver's retry of it) dies with the connection after WhatsApp's ack.
    const cut = proxy.failCommand('findAndModify', 'messages', 2);
    await run.handlers.flushOutbox({});
    await cut;
    await run.handlers.flushOutbox({});
    await expectSentOnce(messageId);
    await run.handlers.flushOutbox({});
    expect(sim.duplicates(ALICE)).toEqual([]);
    sim.setAutoReceipts(ALICE, { delivery: true });
  });

  // Last: this actor stops itself.
  it('stops with PERSISTENCE_FAILED when its credentials cannot be saved, and the next actor resumes from the database', async () => {
    const stored = (await AuthState.findOne({ sessionId: SESSION }).lean())?.data;
    // Every creds write dies for longer than the retries last; a reconnect makes Baileys write
    // creds (its login success updates `me`).
    void proxy.failCommand('update', 'authstates', 1_000);
    sim.injectFault({ phone: PHONE, kind: 'drop' });
    const exit = await run.exited;
    proxy.disarm();
    expect(exit.code).toBe(EXIT_CODES.PERSISTENCE_FAILED);
    expect(exit.reason).toMatch(/credentials not saved/);
    expect((await AuthState.findOne({ sessionId: SESSION }).lean())?.data).toBe(stored);

    // What the supervisor does on that exit: a new actor, from what is stored, linked without a QR.
    again = await runActor(simConfig(sim, SESSION, proxy.uriFor(dbUri), { preloadChats: { type: 'individual', limit: 0 } }));
    await again.waitFor('connection-state', (e) => e.status === 'connected');
    expect(again.events.some((e) => e.type === 'qr')).toBe(false);
    const { id } = await sim.contactSend(ALICE, { to: PHONE, text: 'still linked' });
    await again.waitFor('message', (e) => e.message.id === id);
  });
});
