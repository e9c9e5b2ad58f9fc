import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { BufferJSON, proto, writeRandomPadMax16 } from '@whiskeysockets/baileys';
import { connectDatabase, disconnectDatabase } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { decodeParts, openInbox } from './inbox.ts';

const padded = (msg: proto.IMessage) => Buffer.from(writeRandomPadMax16(proto.Message.encode(msg).finish()));

beforeAll(async () => {
  await connectDatabase(testDbUri('actor_inbox'), pino({ level: 'silent' }));
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('decodeParts', () => {
  it('unpads and merges the parts of one message in stanza order', () => {
    const merged = decodeParts([
      { part: 1, plaintext: padded({ conversation: 'hola' }) },
      { part: 0, plaintext: padded({ senderKeyDistributionMessage: { groupId: 'g@g.us' } }) },
    ]);
    expect(merged?.conversation).toBe('hola');
    expect(merged?.senderKeyDistributionMessage?.groupId).toBe('g@g.us');
  });
});

describe('inbox', () => {
  it('replays a decrypted message that was never stored, once, until it is marked done', async () => {
    const inbox = openInbox('inbox-1');
    const key = { remoteJid: '34600000001@s.whatsapp.net', fromMe: false, id: 'M1' };
    const entry = { messageId: 'M1', part: 0, key: JSON.stringify(key, BufferJSON.replacer), messageTimestamp: 1_700_000_000, pushName: 'Ana', plaintext: padded({ conversation: 'hola' }) };
    await inbox.put(entry);
    await inbox.put(entry); // a redelivery decrypted again: still one message
    await openInbox('inbox-2').put({ ...entry, messageId: 'M2' });

    const [msg, ...rest] = await inbox.leftovers({ id: '34600000009:1@s.whatsapp.net' });
    expect(rest).toHaveLength(0);
    expect(msg).toMatchObject({ key, messageTimestamp: 1_700_000_000, pushName: 'Ana', message: { conversation: 'hola' } });

    await inbox.done('M1');
    expect(await inbox.leftovers({ id: '34600000009:1@s.whatsapp.net' })).toEqual([]);
  });
});
