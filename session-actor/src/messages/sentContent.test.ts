import { randomBytes } from 'node:crypto';
import { proto } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Message, connectDatabase, disconnectDatabase, silentLogger, toMessageView } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { encodeSentContent, findSentContent } from './sentContent.ts';

const SESSION = 'sent-content';
const CHAT = '15550001234@s.whatsapp.net';

beforeAll(async () => {
  await connectDatabase(testDbUri('actor_sent_content'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

async function stored(messageId: string, fields: Record<string, unknown>): Promise<void> {
  await Message.create({ sessionId: SESSION, chatId: CHAT, messageId, fromMe: true, status: 'sent', timestamp: new Date(), ...fields });
}

const lookup = (id: string) => findSentContent(SESSION, { remoteJid: CHAT, fromMe: true, id });
const asJson = (m: proto.IMessage | undefined) => (m ? proto.Message.fromObject(m).toJSON() : m);

describe('findSentContent', () => {
  it('gives back an image exactly as it was sent: media key, path, hashes, thumbnail, caption, quote', async () => {
    const image: proto.IMessage = {
      imageMessage: {
        url: 'https://mmg.whatsapp.net/v/t62/abc',
        directPath: '/v/t62/abc?ccb=11-4',
        mimetype: 'image/jpeg',
        caption: 'the receipt',
        mediaKey: randomBytes(32),
        fileSha256: randomBytes(32),
        fileEncSha256: randomBytes(32),
        fileLength: 48_213,
        mediaKeyTimestamp: 1_750_000_000,
        jpegThumbnail: randomBytes(900),
        contextInfo: { stanzaId: 'QUOTED1', participant: CHAT, quotedMessage: { conversation: 'which one?' } },
      },
    };
    await stored('IMG1', { kind: 'image', caption: 'the receipt', sentProto: encodeSentContent(image) });
    expect(asJson(await lookup('IMG1'))).toEqual(asJson(image));
  });

  it('gives back a location, a reaction and a contact card as sent', async () => {
    const kinds: Array<[string, string, proto.IMessage]> = [
      ['LOC1', 'location', { locationMessage: { degreesLatitude: 40.4168, degreesLongitude: -3.7038, name: 'Sol' } }],
      ['REA1', 'reaction', { reactionMessage: { key: { remoteJid: CHAT, fromMe: true, id: 'IMG1' }, text: '👍', senderTimestampMs: 1_750_000_000_123 } }],
      ['VCF1', 'contact', { contactMessage: { displayName: 'Ann', vcard: 'BEGIN:VCARD\nFN:Ann\nEND:VCARD' } }],
    ];
    for (const [id, kind, message] of kinds) await stored(id, { kind, sentProto: encodeSentContent(message) });
    for (const [id, , message] of kinds) expect(asJson(await lookup(id))).toEqual(asJson(message));
  });

  it('rebuilds a text recorded before the content was kept, and nothing else', async () => {
    await stored('OLDTXT', { kind: 'text', text: 'sent by an older build' });
    await stored('OLDIMG', { kind: 'image', caption: 'keys were never kept' });
    expect(await lookup('OLDTXT')).toEqual({ conversation: 'sent by an older build' });
    expect(await lookup('OLDIMG')).toBeUndefined();
  });

  it('falls back to the text when the stored bytes cannot be decoded', async () => {
    await stored('BROKEN', { kind: 'text', text: 'still readable', sentProto: Buffer.from([0xff, 0xff, 0xff]) });
    expect(await lookup('BROKEN')).toEqual({ conversation: 'still readable' });
  });

  it('answers only for messages this session sent', async () => {
    await Message.create({ sessionId: SESSION, chatId: CHAT, messageId: 'INCOMING', fromMe: false, kind: 'text', text: 'theirs', status: 'delivered', timestamp: new Date() });
    expect(await lookup('INCOMING')).toBeUndefined();
    expect(await lookup('NEVER-SENT')).toBeUndefined();
    expect(await findSentContent('another-session', { remoteJid: CHAT, fromMe: true, id: 'IMG1' })).toBeUndefined();
  });

  it('never puts the kept content (key material) in a message view', async () => {
    const doc = await Message.findOne({ sessionId: SESSION, messageId: 'IMG1' }).lean();
    expect(doc?.sentProto).toBeTruthy();
    expect(JSON.stringify(toMessageView(doc!))).not.toMatch(/sentProto|mediaKey/);
  });
});
