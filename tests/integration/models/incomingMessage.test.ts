import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import {
  Message,
  connectDatabase,
  disconnectDatabase,
  incomingMessageDocument,
  insertDocumentsUnordered,
  messageObjectId,
  silentLogger,
  type IncomingMessageFields,
} from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('models-incoming-message'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

const base = (sessionId: string, messageId: string): IncomingMessageFields => ({
  sessionId,
  chatId: '5215550001111@s.whatsapp.net',
  messageId,
  fromMe: false,
  sender: '5215550001111@s.whatsapp.net',
  pushName: 'Ana',
  kind: 'text',
  text: `hola ${messageId}`,
  caption: null,
  mediaId: null,
  mediaStatus: null,
  quotedId: null,
  reaction: null,
  location: null,
  status: 'delivered',
  timestamp: new Date('2026-12-05T10:00:00Z'),
  attempts: 0,
});

/** The messages an actor stores, one of each shape ingest builds. */
const shapes: Record<string, (s: string) => IncomingMessageFields> = {
  text: (s) => base(s, 'T1'),
  'image with a caption, quoting another': (s) => ({ ...base(s, 'I1'), kind: 'image', text: null, caption: 'mira', mediaId: new Types.ObjectId().toHexString(), quotedId: 'T1' }),
  'media still downloading': (s) => ({ ...base(s, 'P1'), kind: 'document', text: null, mediaStatus: 'pending' }),
  'reaction (and its removal)': (s) => ({ ...base(s, 'R1'), kind: 'reaction', text: null, reaction: { emoji: '', targetId: 'T1' } }),
  'location without a name': (s) => ({ ...base(s, 'L1'), kind: 'location', text: null, location: { latitude: 19.43, longitude: -99.13, address: 'Zócalo' } }),
  "a member's private reply to our group message": (s) => ({
    ...base(s, 'Q1'),
    quotedId: 'G0',
    quotedFrom: { chatId: '120363000000000009@g.us', sender: null, fromMe: true, kind: 'text', text: 'El reparto sale a las 10' },
  }),
  'a poll with the key of its votes': (s) => ({ ...base(s, 'V1'), kind: 'poll', text: '¿Qué día?\nLunes\nMartes', messageSecret: Buffer.alloc(32, 7) }),
  'an event with a place': (s) => ({
    ...base(s, 'E1'),
    kind: 'event',
    text: 'Cena',
    caption: 'Traed un regalo',
    event: { startAt: new Date('2026-12-17T19:00:00Z'), endAt: new Date('2026-12-17T21:00:00Z'), place: { name: 'Bar Pepe', latitude: 40.4, longitude: -3.7 } },
  }),
  'an event that is a cancelled call': (s) => ({ ...base(s, 'E2'), kind: 'event', text: 'Llamada', event: { startAt: new Date('2026-12-18T09:00:00Z'), link: 'https://call.whatsapp.com/voice/x', canceled: true } }),
  'an invitation to a group': (s) => ({
    ...base(s, 'J1'),
    kind: 'invite',
    text: 'Únete',
    invite: { groupId: '120363000000000009@g.us', groupName: 'Vecinos', code: 'AbC123', expiresAt: new Date('2026-12-10T12:00:00Z') },
  }),
  'a forwarded photo': (s) => ({ ...base(s, 'F1'), kind: 'image', text: null, mediaId: new Types.ObjectId().toHexString(), forwarded: true }),
  'a group message mentioning two members, one of them the account': (s) => ({
    ...base(s, 'N1'),
    chatId: '120363000000000009@g.us',
    text: 'Hola @5215550002222 y @987654321',
    mentions: [
      { user: '5215550002222', jid: '5215550002222@s.whatsapp.net', name: 'Bea' },
      { user: '987654321', jid: '5215550009999@s.whatsapp.net', name: null, isAccount: true },
    ],
  }),
  'a change to a group (someone added by the account)': (s) => ({
    ...base(s, 'G1'),
    chatId: '120363000000000009@g.us',
    kind: 'system',
    text: null,
    system: { action: 'add', by: { jid: '5215550009999@s.whatsapp.net', name: 'Tienda', isAccount: true }, who: [{ jid: '5215550002222@s.whatsapp.net', name: null }] },
  }),
  'a new subject': (s) => ({ ...base(s, 'G2'), chatId: '120363000000000009@g.us', kind: 'system', text: null, system: { action: 'subject', by: null, who: [], value: 'Reparto' } }),
  'written on the phone': (s) => ({ ...base(s, 'M1'), fromMe: true, sender: null, pushName: null, status: 'sent' }),
};

/** A stored document, read raw, without what differs between two sessions' copies. */
async function stored(sessionId: string, messageId: string) {
  const raw = await Message.collection.findOne({ _id: messageObjectId(sessionId, messageId) } as never);
  expect(raw).not.toBeNull();
  const { _id, sessionId: sid, createdAt, updatedAt, mediaId, ...rest } = raw!;
  expect(sid).toBe(sessionId);
  expect(createdAt).toBeInstanceOf(Date);
  expect(updatedAt).toEqual(createdAt);
  return { ...rest, mediaId: mediaId === null ? null : (mediaId as Types.ObjectId).constructor.name, keys: Object.keys(raw!).sort() };
}

describe('incoming message documents', () => {
  it.each(Object.keys(shapes))('are stored as Message.create stores them: %s', async (shape) => {
    const viaMongoose = shapes[shape]!('s-mongoose');
    const viaDriver = { ...shapes[shape]!('s-driver'), mediaId: viaMongoose.mediaId };
    await Message.create(viaMongoose);
    expect(await insertDocumentsUnordered(Message.collection, [incomingMessageDocument(viaDriver)])).toEqual([null]);

    const expected = await stored('s-mongoose', viaMongoose.messageId);
    expect(expected).toMatchObject({ __v: 0, attempts: 0, statusReason: null, clientId: null, userId: null });
    expect(await stored('s-driver', viaDriver.messageId)).toEqual(expected);
  });

  it.each([
    ['an unknown kind', { kind: 'hologram' }, 'kind'],
    ['an unknown status', { status: 'teleported' }, 'status'],
    ['no message id', { messageId: '' }, 'messageId'],
    ['an invalid date', { timestamp: new Date(Number.NaN) }, 'timestamp'],
    ['a coordinate that is not a number', { kind: 'location', location: { latitude: Number.NaN, longitude: 1 } }, 'location.latitude'],
    ['a media id that is not an ObjectId', { mediaId: 'not-an-id' }, 'mediaId'],
    ['an event without a valid start', { kind: 'event', event: { startAt: new Date(Number.NaN) } }, 'event.startAt'],
    ['an invitation without its code', { kind: 'invite', invite: { groupId: '1@g.us', groupName: 'G', code: '' } }, 'invite.code'],
    ['a mention without its id', { mentions: [{ user: '5215550002222', jid: '', name: null }] }, 'mentions.0.jid'],
  ] as const)('are refused, as the schema refuses them, with %s', async (_what, change, path) => {
    const fields = { ...base('s-invalid', 'X1'), ...change } as IncomingMessageFields;
    await expect(new Message(fields).validate()).rejects.toThrow(/validation failed/i);
    let thrown: unknown;
    try {
      incomingMessageDocument(fields);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ name: 'ValidationError', errors: { [path]: expect.any(String) } });
    expect((thrown as Error).message).toMatch(new RegExp(`^Message validation failed: ${path.replace('.', '\\.')}: `));
  });

  it('reports a duplicate for that document alone, in a batch and alone', async () => {
    const doc = (id: string) => incomingMessageDocument(base('s-dup', id));
    expect(await insertDocumentsUnordered(Message.collection, [doc('B1')])).toEqual([null]);

    const again = await insertDocumentsUnordered(Message.collection, [doc('B0'), doc('B1'), doc('B2')]);
    expect(again[0]).toBeNull();
    expect(again[1]).toMatchObject({ code: 11000 });
    expect(again[2]).toBeNull();
    expect(await insertDocumentsUnordered(Message.collection, [doc('B1')])).toEqual([expect.objectContaining({ code: 11000 })]);
    expect(await Message.countDocuments({ sessionId: 's-dup' })).toBe(3);
  });
});
