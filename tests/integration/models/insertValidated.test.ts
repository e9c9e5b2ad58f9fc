import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Message, connectDatabase, disconnectDatabase, insertValidatedUnordered, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('models-insert-validated'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

const message = (sessionId: string, messageId: string) => ({
  sessionId,
  chatId: '5215550001111@s.whatsapp.net',
  messageId,
  fromMe: false,
  kind: 'text',
  text: `hola ${messageId}`,
  status: 'delivered',
  timestamp: new Date('2026-12-05T10:00:00Z'),
});

async function validated(sessionId: string, messageId: string) {
  const doc = new Message(message(sessionId, messageId));
  await doc.validate();
  return doc;
}

/** A stored document without the fields that differ between two inserts of the same message. */
async function storedShape(_id: unknown) {
  const raw = await Message.collection.findOne({ _id } as never);
  expect(raw).not.toBeNull();
  const { _id: id, sessionId, createdAt, updatedAt, ...rest } = raw!;
  expect(createdAt).toBeInstanceOf(Date);
  expect(updatedAt).toEqual(createdAt);
  return { id: typeof id, sessionId: typeof sessionId, rest };
}

describe('insertValidatedUnordered', () => {
  it('stores validated documents as Model.insertMany does (defaults, version key, timestamps)', async () => {
    const viaMongoose = await validated('s-mongoose', 'A1');
    await Message.insertMany([viaMongoose, await validated('s-mongoose', 'A2')], { ordered: false });
    const viaDriver = [await validated('s-driver', 'A1'), await validated('s-driver', 'A2')];
    expect(await insertValidatedUnordered(Message, viaDriver)).toEqual([null, null]);

    const expected = await storedShape(viaMongoose._id);
    expect(expected.rest).toMatchObject({ __v: 0, attempts: 0, mediaId: null, text: 'hola A1' });
    expect(await storedShape(viaDriver[0]!._id)).toEqual(expected);
  });

  it('reports a duplicate for that document alone, in a batch and alone', async () => {
    const first = await validated('s-dup', 'B1');
    expect(await insertValidatedUnordered(Message, [first])).toEqual([null]);

    const again = await insertValidatedUnordered(Message, [await validated('s-dup', 'B0'), await validated('s-dup', 'B1'), await validated('s-dup', 'B2')]);
    expect(again[0]).toBeNull();
    expect(again[1]).toMatchObject({ code: 11000 });
    expect(again[2]).toBeNull();
    expect(await insertValidatedUnordered(Message, [await validated('s-dup', 'B1')])).toEqual([expect.objectContaining({ code: 11000 })]);
    expect(await Message.countDocuments({ sessionId: 's-dup' })).toBe(3);
  });
});
