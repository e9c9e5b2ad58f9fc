import { randomBytes } from 'node:crypto';
import type { WAMessage, WASocket } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index.ts';
import { linkByQr, nextEvent } from './testClient.ts';

let sim: Simulator;
let sock: WASocket;
const ACCOUNT = '15550007777';
const BOB = '15550008888';

beforeAll(async () => {
  sim = await startSimulator();
  sim.createPhone({ phone: ACCOUNT, name: 'Acme' });
  sim.createContact({ phone: BOB, name: 'Bob' });
  ({ sock } = await linkByQr(sim, ACCOUNT));
});

afterAll(async () => {
  sock?.end(undefined);
  await sim.stop();
});

async function bobSendsImage(image: Buffer): Promise<WAMessage> {
  let id = '';
  const upsert = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.id === id));
  id = (await sim.contactSend(BOB, { to: ACCOUNT, image, mimetype: 'image/jpeg' })).id;
  return (await upsert).messages.find((m) => m.key.id === id) as WAMessage;
}

const status = async (url: string) => (await fetch(url)).status;

describe('media re-upload for an expired URL (media retry)', () => {
  it('answers Baileys\' updateMediaMessage with a new direct path that serves the same encrypted file', async () => {
    const msg = await bobSendsImage(randomBytes(4000));
    const oldUrl = msg.message!.imageMessage!.url!;
    const blob = sim.media.get(oldUrl);
    sim.injectFault({ phone: ACCOUNT, kind: 'media-expired' });
    expect(await status(oldUrl)).toBe(410);
    expect(await status(oldUrl)).toBe(410); // expired for good, not a one-off error

    const answered = new Promise((resolve) => sim.once('media-retry', resolve));
    const updated = await sock.updateMediaMessage(msg);
    expect(await answered).toEqual({ phone: ACCOUNT, id: msg.key.id, result: 'SUCCESS' });
    const directPath = updated.message!.imageMessage!.directPath!;
    expect(directPath).not.toBe(new URL(oldUrl).pathname);
    expect(sim.media.get(directPath)?.equals(blob!)).toBe(true);
    expect(await status(`http://${sim.media.httpHost}${directPath}`)).toBe(200);
  });

  it('answers NOT_FOUND for a message the phone has no media for', async () => {
    const msg = await bobSendsImage(randomBytes(1000));
    const unknown: WAMessage = { ...msg, key: { ...msg.key, id: 'UNKNOWN000000000' } };
    await expect(sock.updateMediaMessage(unknown)).rejects.toMatchObject({ output: { statusCode: 404 } });
  });
});
