import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@switchboard/wa-sim';
import { randomBytes } from 'node:crypto';
import {
  AuthState,
  Chat,
  Media,
  Message,
  Session,
  connectDatabase,
  disconnectDatabase,
  putMedia,
  readMedia,
  silentLogger,
  toMessageView,
} from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';
import { linkActor, queueSend as queuePending, runActor, simConfig, type ActorRun } from './harness.ts';

let sim: Simulator;
let uri: string;
const PHONE = '15550007001';
const ALICE = '15550007002';

beforeAll(async () => {
  uri = testDbUri('actor_flow');
  await connectDatabase(uri, silentLogger());
  sim = await startSimulator();
  sim.createPhone({ phone: PHONE, name: 'Shop' });
  sim.createContact({ phone: ALICE, name: 'Alice' });
});

let run: ActorRun;

/** Stores an outgoing message to Alice the way the hub does (pending, id generated up front). */
const queueSend = (fields: Record<string, unknown>): Promise<string> => queuePending('flow', `${ALICE}@s.whatsapp.net`, fields);

afterAll(async () => {
  await run?.stop();
  await sim?.stop();
  await disconnectDatabase();
});

describe('session actor against the simulator', () => {
  it('links by QR, stores the credentials and reports connected with me', async () => {
    await Session.create({ sessionId: 'flow', name: 'Flow' });
    run = await runActor(simConfig(sim, 'flow', uri));
    expect(run.ready).toBe(true);
    await linkActor(sim, run, PHONE);
    const connected = await run.waitFor('connection-state', (e) => e.status === 'connected');
    expect(connected.me?.id).toMatch(new RegExp(`^${PHONE}:\\d+@s\\.whatsapp\\.net$`));
    expect(await AuthState.countDocuments({ sessionId: 'flow' })).toBe(1);
  });

  it('stores an incoming text once, in one chat, and emits message and chat-update', async () => {
    const { id } = await sim.contactSend(ALICE, { to: PHONE, text: 'hola' });
    const event = await run.waitFor('message', (e) => e.message.id === id);
    expect(event.message).toMatchObject({ kind: 'text', text: 'hola', fromMe: false, chatId: `${ALICE}@s.whatsapp.net` });
    const stored = await Message.find({ sessionId: 'flow', messageId: id }).lean();
    expect(stored).toHaveLength(1);
    const chat = await Chat.findOne({ sessionId: 'flow', jid: `${ALICE}@s.whatsapp.net` }).lean();
    expect(chat?.unreadCount).toBe(1);
    expect(chat?.name).toBe('Alice');
    // The simulator addresses Alice by phone number with her LID alongside: one chat, both ids.
    expect(chat?.lid).toMatch(/@lid$/);
    // Counters are written in batches (within 5 s), after the message itself.
    await expect.poll(async () => (await Session.findOne({ sessionId: 'flow' }).lean())?.metrics.messagesReceived, { timeout: 10_000 }).toBe(1);
  });

  it('delivers a pending text through the outbox exactly once and marks it sent', async () => {
    const messageId = await queueSend({ kind: 'text', text: 'your order shipped' });
    // Two flushes at once (an API send and a reconnect) still send it once.
    const [a, b] = await Promise.all([run.handlers.flushOutbox({}), run.handlers.flushOutbox({})]);
    expect(a.attempted + b.attempted).toBeGreaterThanOrEqual(1);
    const got = await sim.waitForReceived(ALICE, (m) => m.id === messageId);
    expect(got).toMatchObject({ kind: 'text', text: 'your order shipped', from: PHONE });
    const sent = await run.waitFor('message-sent', (e) => e.message.id === messageId);
    expect(sent.message.fromMe).toBe(true);
    // A second flush finds nothing to send: never twice.
    expect((await run.handlers.flushOutbox({})).attempted).toBe(0);
    expect(sim.received(ALICE).filter((m) => m.id === messageId)).toHaveLength(1);
    const doc = await Message.findOne({ sessionId: 'flow', messageId }).lean();
    expect(doc?.attempts).toBe(1);
    expect(['sent', 'delivered']).toContain(doc?.status);
    await expect.poll(async () => (await Session.findOne({ sessionId: 'flow' }).lean())?.metrics.messagesSent, { timeout: 10_000 }).toBe(1);
  });

  it('moves statuses forward on receipts (delivered, then read) and never back', async () => {
    const messageId = await queueSend({ kind: 'text', text: 'receipt me' });
    await run.handlers.flushOutbox({});
    await sim.waitForReceived(ALICE, (m) => m.id === messageId);
    await run.waitFor('message-status', (e) => e.messageId === messageId && e.status === 'delivered');
    await sim.sendReceipt(ALICE, messageId, 'read');
    await run.waitFor('message-status', (e) => e.messageId === messageId && e.status === 'read');
    await sim.sendReceipt(ALICE, messageId, 'delivery');
    // The late delivery receipt is processed after this probe round-trip; it must not move the status back.
    await sim.sendReceipt(ALICE, messageId, 'played');
    await run.waitFor('message-status', (e) => e.messageId === messageId && e.status === 'played');
    const doc = await Message.findOne({ sessionId: 'flow', messageId }).lean();
    expect(doc?.status).toBe('played');
    // When it reached each status, in order (the late delivery receipt moved nothing back).
    const times = [doc?.sentAt, doc?.deliveredAt, doc?.readAt, doc?.playedAt].map((d) => d?.getTime() ?? NaN);
    expect(times.every(Number.isFinite)).toBe(true);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const view = toMessageView(doc!);
    expect(view.statusTimes).toEqual({ sent: times[0], delivered: times[1], read: times[2], played: times[3] });
    expect(run.events.filter((e) => e.type === 'message-status' && e.messageId === messageId).map((e) => (e as { status: string }).status)).toEqual([
      'delivered',
      'read',
      'played',
    ]);
  });

  it('downloads incoming media into GridFS byte for byte, with its metadata', async () => {
    const image = randomBytes(50_000);
    const { id } = await sim.contactSend(ALICE, { to: PHONE, image, mimetype: 'image/jpeg', caption: 'look' });
    const event = await run.waitFor('message', (e) => e.message.id === id);
    expect(event.message).toMatchObject({ kind: 'image', caption: 'look' });
    expect(event.message.mediaId).toBeTruthy();
    const media = await Media.findById(event.message.mediaId).lean();
    expect(media).toMatchObject({ kind: 'image', mimeType: 'image/jpeg', size: image.length, direction: 'in', messageId: id });
    expect((await readMedia(media!.gridFsId)).equals(image)).toBe(true);

    const doc = randomBytes(20_000);
    const sentDoc = await sim.contactSend(ALICE, { to: PHONE, document: doc, mimetype: 'application/pdf', fileName: 'invoice.pdf' });
    const docEvent = await run.waitFor('message', (e) => e.message.id === sentDoc.id);
    const docMedia = await Media.findById(docEvent.message.mediaId).lean();
    expect(docMedia).toMatchObject({ kind: 'document', fileName: 'invoice.pdf', mimeType: 'application/pdf' });
    expect((await readMedia(docMedia!.gridFsId)).equals(doc)).toBe(true);

    const voice = randomBytes(8_000);
    const sentVoice = await sim.contactSend(ALICE, { to: PHONE, audio: voice, ptt: true, mimetype: 'audio/ogg; codecs=opus' });
    const voiceEvent = await run.waitFor('message', (e) => e.message.id === sentVoice.id);
    expect(voiceEvent.message.kind).toBe('voice');
  });

  it('sends media read from GridFS: the contact gets identical bytes', async () => {
    const bytes = randomBytes(30_000);
    const blob = await putMedia(bytes, { filename: 'report.pdf', contentType: 'application/pdf' });
    const media = await Media.create({
      sessionId: 'flow', kind: 'document', mimeType: 'application/pdf', size: blob.size, sha256: blob.sha256,
      gridFsId: blob.id, direction: 'out', fileName: 'report.pdf',
    });
    const messageId = await queueSend({ kind: 'document', mediaId: media._id, caption: 'monthly report' });
    await run.handlers.flushOutbox({});
    const got = await sim.waitForReceived(ALICE, (m) => m.id === messageId);
    expect(got).toMatchObject({ kind: 'document', fileName: 'report.pdf', mimetype: 'application/pdf' });
    expect(got.media?.equals(bytes)).toBe(true);
  });

  it('sends a quoted reply, a reaction and a location', async () => {
    const { id: incoming } = await sim.contactSend(ALICE, { to: PHONE, text: 'question?' });
    await run.waitFor('message', (e) => e.message.id === incoming);
    const reply = await queueSend({ kind: 'text', text: 'answer', quotedId: incoming });
    const react = await queueSend({ kind: 'reaction', reaction: { emoji: '👍', targetId: incoming } });
    const where = await queueSend({ kind: 'location', location: { latitude: 40.4168, longitude: -3.7038, name: 'Sol' } });
    await run.handlers.flushOutbox({});
    expect(await sim.waitForReceived(ALICE, (m) => m.id === reply)).toMatchObject({ text: 'answer', quotedId: incoming });
    expect(await sim.waitForReceived(ALICE, (m) => m.id === react)).toMatchObject({ kind: 'reaction', reaction: { emoji: '👍', targetId: incoming } });
    expect(await sim.waitForReceived(ALICE, (m) => m.id === where)).toMatchObject({ kind: 'location', location: { latitude: 40.4168, longitude: -3.7038 } });
  });

  it('fails a message it can never send, with a reason, without retrying it', async () => {
    const messageId = await queueSend({ kind: 'image', mediaId: '65a000000000000000000000' });
    await run.handlers.flushOutbox({});
    const failed = await run.waitFor('message-status', (e) => e.messageId === messageId && e.status === 'failed');
    expect(failed.reason).toMatch(/not found/);
    expect((await Message.findOne({ sessionId: 'flow', messageId }).lean())?.attempts).toBe(1);
  });

  it('stores incoming quoted replies, reactions and locations', async () => {
    const { id: q } = await sim.contactSend(ALICE, { to: PHONE, text: 'original' });
    const { id: r } = await sim.contactSend(ALICE, { to: PHONE, text: 'quoting', quotedId: q });
    const { id: x } = await sim.contactSend(ALICE, { to: PHONE, reaction: { emoji: '❤️', targetId: q } });
    const { id: l } = await sim.contactSend(ALICE, { to: PHONE, location: { latitude: 1.5, longitude: 2.5, name: 'Here' } });
    expect((await run.waitFor('message', (e) => e.message.id === r)).message.quotedId).toBe(q);
    expect((await run.waitFor('message', (e) => e.message.id === x)).message.reaction).toEqual({ emoji: '❤️', targetId: q });
    expect((await run.waitFor('message', (e) => e.message.id === l)).message.location).toEqual({ latitude: 1.5, longitude: 2.5, name: 'Here' });
  });

  it('applies the customer’s edit (a photo’s caption too) and deletion to the message, announces it again, and ignores a change to a message the customer did not write', async () => {
    const { id } = await sim.contactSend(ALICE, { to: PHONE, text: 'llego a las 5' });
    await run.waitFor('message', (e) => e.message.id === id);
    const { id: editId } = await sim.contactSend(ALICE, { to: PHONE, edit: { targetId: id, text: 'llego a las 6' } });
    const edited = await run.waitFor('message', (e) => e.message.id === id && e.message.editedAt !== undefined);
    expect(edited.message).toMatchObject({ text: 'llego a las 6', fromMe: false });
    expect(await Message.findOne({ sessionId: 'flow', messageId: id }).lean()).toMatchObject({ text: 'llego a las 6', editedAt: expect.any(Date) });

    // One of ours: the contact cannot change it.
    const ours = await queueSend({ kind: 'text', text: 'nuestro texto' });
    await run.handlers.flushOutbox({});
    await sim.waitForReceived(ALICE, (m) => m.id === ours);
    await sim.contactSend(ALICE, { to: PHONE, edit: { targetId: ours, text: 'cambiado' } });
    await sim.contactSend(ALICE, { to: PHONE, revoke: { targetId: ours } });

    // A photo deleted for everyone: text, caption and file are gone.
    const image = Buffer.from('%PNG-not-really');
    const { id: photo } = await sim.contactSend(ALICE, { to: PHONE, image, caption: 'la factura', mimetype: 'image/png' });
    const withFile = await run.waitFor('message', (e) => e.message.id === photo && e.message.mediaId !== undefined);
    // An edit of a photo changes its caption (the words a media message has), keeping the file.
    await sim.contactSend(ALICE, { to: PHONE, edit: { targetId: photo, text: 'la factura de marzo' } });
    const recaptioned = await run.waitFor('message', (e) => e.message.id === photo && e.message.editedAt !== undefined);
    expect(recaptioned.message).toMatchObject({ kind: 'image', caption: 'la factura de marzo', mediaId: withFile.message.mediaId });
    expect(recaptioned.message).not.toHaveProperty('text');
    await sim.contactSend(ALICE, { to: PHONE, revoke: { targetId: photo } });
    const revoked = await run.waitFor('message', (e) => e.message.id === photo && e.message.revokedAt !== undefined);
    expect(revoked.message).not.toHaveProperty('caption');
    expect(revoked.message).not.toHaveProperty('mediaId');
    expect(await Media.exists({ _id: withFile.message.mediaId })).toBeNull();
    // It was the chat's latest message: the list no longer shows its caption.
    expect((await Chat.findOne({ sessionId: 'flow', jid: `${ALICE}@s.whatsapp.net` }).lean())?.lastMessagePreview).toBe('[deleted]');

    // Changes arrive in order: by now the ones aimed at our message were handled, and ignored.
    const untouched = await Message.findOne({ sessionId: 'flow', messageId: ours }).lean();
    expect([untouched?.text, untouched?.editedAt ?? null, untouched?.revokedAt ?? null]).toEqual(['nuestro texto', null, null]);
    // The protocol messages are not messages of their own.
    expect(await Message.exists({ sessionId: 'flow', messageId: editId })).toBeNull();
  });

  it('marks a send the server rejects (error ack) as failed with the error code', async () => {
    sim.injectFault({ phone: PHONE, kind: 'send-error', code: 479 });
    const messageId = await queueSend({ kind: 'text', text: 'rejected' });
    await run.handlers.flushOutbox({});
    const failed = await run.waitFor('message-status', (e) => e.messageId === messageId && e.status === 'failed');
    expect(failed.reason).toBe('479');
    expect((await Message.findOne({ sessionId: 'flow', messageId }).lean())).toMatchObject({ status: 'failed', statusReason: '479' });
  });

  it('resends a message an earlier run claimed but did not finish, with the same id, and gives up after 10 claims', async () => {
    const unfinished = await queueSend({ kind: 'text', text: 'claimed before a crash', attempts: 1 });
    const poison = await queueSend({ kind: 'text', text: 'crashed us ten times', attempts: 10 });
    await run.handlers.flushOutbox({});
    expect((await sim.waitForReceived(ALICE, (m) => m.id === unfinished)).text).toBe('claimed before a crash');
    const failed = await run.waitFor('message-status', (e) => e.messageId === poison && e.status === 'failed');
    expect(failed.reason).toMatch(/gave up after 10 attempts/);
    expect(sim.received(ALICE).some((m) => m.id === poison)).toBe(false);
  });

  it('sends images, video, voice notes and stickers from GridFS', async () => {
    const files = {
      image: { bytes: randomBytes(4_000), mime: 'image/jpeg' },
      video: { bytes: randomBytes(9_000), mime: 'video/mp4' },
      voice: { bytes: randomBytes(3_000), mime: 'audio/ogg; codecs=opus' },
      sticker: { bytes: randomBytes(2_000), mime: 'image/webp' },
    } as const;
    const ids: Record<string, string> = {};
    for (const [kind, f] of Object.entries(files) as [keyof typeof files, (typeof files)[keyof typeof files]][]) {
      const blob = await putMedia(f.bytes, { contentType: f.mime });
      const media = await Media.create({
        sessionId: 'flow', kind, mimeType: f.mime, size: blob.size, sha256: blob.sha256, gridFsId: blob.id, direction: 'out',
      });
      ids[kind] = await queueSend({ kind, mediaId: media._id, ...(kind === 'image' ? { caption: 'photo' } : {}) });
    }
    await run.handlers.flushOutbox({});
    const expectedKind = { image: 'image', video: 'video', voice: 'ptt', sticker: 'sticker' } as const;
    for (const [kind, f] of Object.entries(files)) {
      const got = await sim.waitForReceived(ALICE, (m) => m.id === ids[kind]);
      expect(got.kind).toBe(expectedKind[kind as keyof typeof expectedKind]);
      expect(got.media?.equals(f.bytes)).toBe(true);
    }
  });
});
