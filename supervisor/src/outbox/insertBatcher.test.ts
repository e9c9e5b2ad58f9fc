import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, disconnectDatabase, Message, messageObjectId, SendKey, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { InsertBatcher, type InsertModel } from './insertBatcher.ts';

/** The insert commands mongoose sends per collection while `fn` runs (mongoose's debug hook). */
async function insertCalls(fn: () => Promise<unknown>, onCall?: () => void): Promise<string[]> {
  const calls: string[] = [];
  const mongoose = Message.base;
  mongoose.set('debug', (collection: string, method: string) => {
    if (!method.startsWith('insert')) return;
    calls.push(`${collection}.${method}`);
    onCall?.();
  });
  try {
    await fn();
  } finally {
    mongoose.set('debug', false);
  }
  return calls;
}

const text = (sessionId: string, messageId: string) => ({
  sessionId, chatId: '34600000001@s.whatsapp.net', messageId, fromMe: true, kind: 'text', text: 'hola', status: 'pending', timestamp: new Date(),
});

beforeAll(async () => {
  await connectDatabase(testDbUri('insert_batcher'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('InsertBatcher', () => {
  it('stores inserts asked for together with one request, as create would (derived _id, timestamps)', async () => {
    const batcher = new InsertBatcher(Message as unknown as InsertModel);
    const calls = await insertCalls(() => Promise.all(['A1', 'A2', 'A3'].map((id, i) => batcher.insert(text(`s${i}`, id)))));
    expect(calls).toEqual(['messages.insertMany']);
    const stored = await Message.findById(messageObjectId('s1', 'A2')).lean();
    expect(stored).toMatchObject({ sessionId: 's1', messageId: 'A2', status: 'pending', attempts: 0 });
    expect(stored?.createdAt).toBeInstanceOf(Date);
  });

  it('rejects only the duplicate of a batch, with E11000, and stores the rest', async () => {
    const batcher = new InsertBatcher(SendKey as unknown as InsertModel);
    await SendKey.create({ _id: 'b:taken', sessionId: 'b', messageId: 'OLD' });
    const outcomes = await Promise.allSettled([
      batcher.insert({ _id: 'b:one', sessionId: 'b', messageId: 'M1' }),
      batcher.insert({ _id: 'b:taken', sessionId: 'b', messageId: 'M2' }),
      batcher.insert({ _id: 'b:two', sessionId: 'b', messageId: 'M3' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 11000 });
    expect((await SendKey.find({ sessionId: 'b' }).sort({ _id: 1 }).lean()).map((k) => [k._id, k.messageId])).toEqual([
      ['b:one', 'M1'],
      ['b:taken', 'OLD'],
      ['b:two', 'M3'],
    ]);
  });

  it('fails an invalid document alone', async () => {
    const batcher = new InsertBatcher(Message as unknown as InsertModel);
    const outcomes = await Promise.allSettled([batcher.insert(text('v', 'V1')), batcher.insert({ sessionId: 'v' }), batcher.insert(text('v', 'V2'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await Message.countDocuments({ sessionId: 'v' })).toBe(2);
  });

  it('writes what arrives during a write in the next batch', async () => {
    const batcher = new InsertBatcher(Message as unknown as InsertModel);
    let writing!: () => void;
    const firstWrite = new Promise<void>((resolve) => (writing = resolve));
    const calls = await insertCalls(async () => {
      const first = batcher.insert(text('n', 'N1'));
      // Asked for once N1's write went out, before it is answered.
      await firstWrite;
      await Promise.all([first, batcher.insert(text('n', 'N2')), batcher.insert(text('n', 'N3'))]);
    }, () => writing());
    expect(await Message.countDocuments({ sessionId: 'n' })).toBe(3);
    expect(calls).toEqual(['messages.insertOne', 'messages.insertMany']);
  });
});
