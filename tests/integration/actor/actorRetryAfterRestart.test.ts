/**
 * Issue 14: a contact that could not decrypt a message asks for a retry; when that request
 * reaches a restarted actor (Baileys' in-memory cache gone with the killed process), the content
 * must come from the database, for every kind, exactly as first sent.
 */
import { randomBytes } from 'node:crypto';
import { proto } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@switchboard/wa-sim';
import { initEnvelope } from '@switchboard/shared';
import { Media, Message, Session, connectDatabase, disconnectDatabase, messageObjectId, putMedia, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';
import { ActorChild, queueSend as queuePending, runActor, simConfig, type ActorRun } from './harness.ts';

const SESSION = 'retry-restart';
const PHONE = '15550007301';
const ALICE = '15550007302';

let sim: Simulator;
let uri: string;
let second: ActorRun | undefined;

beforeAll(async () => {
  uri = testDbUri('actor_retry_restart');
  await connectDatabase(uri, silentLogger());
  sim = await startSimulator();
  sim.createPhone({ phone: PHONE, name: 'Shop' });
  sim.createContact({ phone: ALICE, name: 'Alice' });
  await Session.create({ sessionId: SESSION, name: 'Retry' });
});

afterAll(async () => {
  await second?.stop();
  await sim?.stop();
  await disconnectDatabase();
});

/** Stores an outgoing message to Alice the way the hub does (pending, id generated up front). */
const queueSend = (fields: Record<string, unknown>): Promise<string> => queuePending(SESSION, `${ALICE}@s.whatsapp.net`, fields);

async function sentContent(messageId: string): Promise<proto.Message> {
  const doc = await Message.findById(messageObjectId(SESSION, messageId), { sentProto: 1 }).lean();
  const raw = doc?.sentProto as unknown as { buffer: Uint8Array } | Buffer | undefined;
  if (!raw) throw new Error(`no sent content stored for ${messageId}`);
  return proto.Message.decode(Buffer.isBuffer(raw) ? raw : raw.buffer);
}

describe('retry receipts after a restart', () => {
  it('are answered from the database with exactly what was sent: an image, a location and a reaction', async () => {
    // The first actor is a real process, SIGKILLed below: nothing of it survives but the database.
    const first = new ActorChild();
    first.proc.send(initEnvelope(simConfig(sim, SESSION, uri, { preloadChats: { type: 'individual', limit: 0 } })));
    const { qr } = await first.event('qr');
    await sim.scanQr(PHONE, qr);
    await first.event('connection-state', (e) => e.status === 'connected');

    const bytes = randomBytes(20_000);
    const blob = await putMedia(bytes, { contentType: 'image/jpeg' });
    const media = await Media.create({
      sessionId: SESSION, kind: 'image', mimeType: 'image/jpeg', size: blob.size, sha256: blob.sha256, gridFsId: blob.id, direction: 'out',
    });
    const image = await queueSend({ kind: 'image', mediaId: media._id, caption: 'the receipt' });
    const where = await queueSend({ kind: 'location', location: { latitude: 40.4168, longitude: -3.7038, name: 'Sol' } });
    const thumbs = await queueSend({ kind: 'reaction', reaction: { emoji: '👍', targetId: image } });
    const ids = [image, where, thumbs];
    // Alice cannot decrypt any of them, and keeps her retry receipts until the actor is gone.
    sim.injectFault({ phone: PHONE, kind: 'unreadable-send', contact: ALICE, hold: true, times: 3 });
    await first.call(1, 'flushOutbox', {});
    for (const id of ids) await first.event('message-sent', (e) => e.message.id === id);
    expect(sim.heldRetries(ALICE).sort()).toEqual([...ids].sort());
    expect(sim.received(ALICE)).toEqual([]);
    const original = await sentContent(image);
    expect(original.imageMessage?.mediaKey?.length).toBe(32);

    const gone = new Promise((resolve) => sim.once('disconnected', resolve));
    first.proc.kill('SIGKILL');
    await first.exit;
    await gone;

    second = await runActor(simConfig(sim, SESSION, uri, { preloadChats: { type: 'individual', limit: 0 } }));
    await second.waitFor('connection-state', (e) => e.status === 'connected');
    expect(sim.releaseRetries(ALICE).sort()).toEqual([...ids].sort());

    const gotImage = await sim.waitForReceived(ALICE, (m) => m.id === image);
    expect(gotImage).toMatchObject({ kind: 'image', caption: 'the receipt', mimetype: 'image/jpeg' });
    expect(gotImage.media?.equals(bytes)).toBe(true);
    // The original upload, not a new one: the same media key.
    expect(gotImage.mediaKey?.equals(Buffer.from(original.imageMessage!.mediaKey!))).toBe(true);
    expect(await sim.waitForReceived(ALICE, (m) => m.id === where)).toMatchObject({
      kind: 'location',
      location: { latitude: 40.4168, longitude: -3.7038, name: 'Sol' },
    });
    expect(await sim.waitForReceived(ALICE, (m) => m.id === thumbs)).toMatchObject({ kind: 'reaction', reaction: { emoji: '👍', targetId: image } });
    // Read at last: the delivery receipts reach the new actor.
    for (const id of ids) await second.waitFor('message-status', (e) => e.messageId === id && e.status === 'delivered');
    expect(sim.duplicates(ALICE)).toEqual([]);
  });
});
