import { randomBytes } from 'node:crypto';
import { downloadMediaMessage, type WAMessage, type WASocket } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index.ts';
import { DEFAULT_PICTURE } from './media.ts';
import { linkByQr, nextEvent } from './testClient.ts';

let sim: Simulator;
let sock: WASocket;
const ACCOUNT = '15550005555';
const BOB = '15550006666';
const BOB_JID = `${BOB}@s.whatsapp.net`;
const thumb = DEFAULT_PICTURE;

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

async function appSends(content: Parameters<WASocket['sendMessage']>[1]) {
  const sent = await sock.sendMessage(BOB_JID, content);
  return sim.waitForReceived(BOB, (m) => m.id === sent?.key.id);
}

function nextUpsert(id: () => string): Promise<WAMessage> {
  return nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.id === id())).then(
    (e) => e.messages.find((m) => m.key.id === id()) as WAMessage,
  );
}

async function contactSends(input: Omit<Parameters<Simulator['contactSend']>[1], 'to'>): Promise<WAMessage> {
  let id = '';
  const upsert = nextUpsert(() => id);
  id = (await sim.contactSend(BOB, { to: ACCOUNT, ...input })).id;
  return upsert;
}

describe('media from the app to a contact', () => {
  it('uploads over https and the contact gets identical bytes for every media kind', async () => {
    const video = randomBytes(3000);
    const audio = randomBytes(2000);
    const voice = randomBytes(1500);
    const doc = randomBytes(5000);
    const sticker = randomBytes(800);
    expect(await appSends({ image: DEFAULT_PICTURE, caption: 'foto', jpegThumbnail: thumb.toString('base64') })).toMatchObject({ kind: 'image', caption: 'foto', media: DEFAULT_PICTURE });
    expect(await appSends({ video, caption: 'vid', jpegThumbnail: thumb.toString('base64') })).toMatchObject({ kind: 'video', caption: 'vid', media: video });
    expect(await appSends({ audio, mimetype: 'audio/mp4', seconds: 3 })).toMatchObject({ kind: 'audio', media: audio, mimetype: 'audio/mp4' });
    expect(await appSends({ audio: voice, ptt: true, mimetype: 'audio/ogg; codecs=opus', seconds: 2 })).toMatchObject({ kind: 'ptt', media: voice });
    expect(await appSends({ document: doc, mimetype: 'application/pdf', fileName: 'factura.pdf' })).toMatchObject({ kind: 'document', media: doc, fileName: 'factura.pdf', mimetype: 'application/pdf' });
    expect(await appSends({ sticker, mimetype: 'image/webp' })).toMatchObject({ kind: 'sticker', media: sticker });
  });

  it('sends location, reaction and a quoted reply', async () => {
    expect(await appSends({ location: { degreesLatitude: 19.43, degreesLongitude: -99.13 } })).toMatchObject({ kind: 'location', location: { latitude: 19.43, longitude: -99.13 } });
    const base = await sock.sendMessage(BOB_JID, { text: 'base' });
    expect(await appSends({ react: { text: '👍', key: base!.key } })).toMatchObject({ kind: 'reaction', reaction: { emoji: '👍', targetId: base!.key.id } });
    const quoted = await sock.sendMessage(BOB_JID, { text: 'citado' }, { quoted: base! });
    const got = await sim.waitForReceived(BOB, (m) => m.id === quoted?.key.id);
    expect(got).toMatchObject({ kind: 'text', text: 'citado', quotedId: base!.key.id });
  });
});

describe('media from a contact to the app', () => {
  it('delivers every media kind and the app downloads identical bytes', async () => {
    const cases = [
      { input: { image: randomBytes(700), caption: 'hola' }, field: 'imageMessage' },
      { input: { video: randomBytes(900) }, field: 'videoMessage' },
      { input: { audio: randomBytes(400) }, field: 'audioMessage' },
      { input: { audio: randomBytes(300), ptt: true }, field: 'audioMessage' },
      { input: { document: randomBytes(1200), fileName: 'a.pdf', mimetype: 'application/pdf' }, field: 'documentMessage' },
      { input: { sticker: randomBytes(200) }, field: 'stickerMessage' },
    ] as const;
    for (const { input, field } of cases) {
      const msg = await contactSends(input);
      expect(msg.message?.[field]).toBeTruthy();
      const bytes = await downloadMediaMessage(msg, 'buffer', {});
      const original = 'image' in input ? input.image : 'video' in input ? input.video : 'audio' in input ? input.audio : 'document' in input ? input.document : input.sticker;
      expect(Buffer.compare(bytes, original)).toBe(0);
    }
    const ptt = await contactSends({ audio: randomBytes(100), ptt: true });
    expect(ptt.message?.audioMessage?.ptt).toBe(true);
    const doc = await contactSends({ document: randomBytes(10), fileName: 'x.pdf', mimetype: 'application/pdf' });
    expect(doc.message?.documentMessage).toMatchObject({ fileName: 'x.pdf', mimetype: 'application/pdf' });
  });

  it('delivers location, reaction and quoted replies', async () => {
    const loc = await contactSends({ location: { latitude: 1.5, longitude: 2.5 } });
    expect(loc.message?.locationMessage).toMatchObject({ degreesLatitude: 1.5, degreesLongitude: 2.5 });
    const mine = await sock.sendMessage(BOB_JID, { text: 'target' });
    const reaction = await contactSends({ reaction: { emoji: '❤️', targetId: mine!.key.id! } });
    expect(reaction.message?.reactionMessage).toMatchObject({ text: '❤️', key: { id: mine!.key.id } });
    const reply = await contactSends({ text: 'contesto', quotedId: mine!.key.id! });
    expect(reply.message?.extendedTextMessage).toMatchObject({ text: 'contesto', contextInfo: { stanzaId: mine!.key.id } });
  });

  it('delivers edits and deletions of messages the contact wrote, as protocol messages', async () => {
    const first = await contactSends({ text: 'a las 5' });
    const edited = await contactSends({ edit: { targetId: first.key.id!, text: 'a las 6' } });
    expect(edited.message?.protocolMessage).toMatchObject({ type: 14, key: { id: first.key.id, fromMe: true }, editedMessage: { conversation: 'a las 6' } });
    const revoked = await contactSends({ revoke: { targetId: first.key.id! } });
    expect(revoked.message?.protocolMessage).toMatchObject({ type: 0, key: { id: first.key.id } });
  });

  it('serves profile pictures', async () => {
    const url = await sock.profilePictureUrl(BOB_JID, 'image');
    const res = await fetch(url ?? '');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(DEFAULT_PICTURE);
  });
});
