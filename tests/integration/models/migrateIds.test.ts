/**
 * Documents written by builds before AuthKey and Message `_id`s were derived from their keys
 * get their derived `_id` at start-up, so an existing pairing and its messages keep working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import {
  AuthKey,
  authKeyId,
  connectDatabase,
  disconnectDatabase,
  Message,
  messageObjectId,
  migrateToDerivedIds,
  silentLogger,
} from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('models-migrate-ids'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

const oldMessage = (messageId: string, extra: Record<string, unknown> = {}) => ({
  _id: new Types.ObjectId(),
  sessionId: 'old',
  chatId: '34600000001@s.whatsapp.net',
  messageId,
  fromMe: false,
  kind: 'text',
  text: `text of ${messageId}`,
  status: 'delivered',
  timestamp: new Date(1000),
  ...extra,
});

describe('migrateToDerivedIds', () => {
  it('moves old keys and messages to their derived ids once, without losing any', async () => {
    // As an older build stored them: random ObjectIds.
    await AuthKey.collection.insertMany([
      { _id: new Types.ObjectId(), sessionId: 'old', type: 'session', id: '34600000001.0', data: '{"k":1}', updatedAt: new Date() },
      { _id: new Types.ObjectId(), sessionId: 'old', type: 'pre-key', id: '7', data: '{"k":2}', updatedAt: new Date() },
    ] as never);
    await Message.collection.insertMany([oldMessage('A1'), oldMessage('A2')] as never);
    // A message an interrupted earlier run had already renamed out of the unique index.
    await Message.collection.insertOne(oldMessage('A3#moving-to-derived-id') as never);
    // One already in the new format is left alone.
    const { _id: _old, ...current } = oldMessage('A4');
    await Message.create(current as never);

    expect(await migrateToDerivedIds(silentLogger())).toEqual({ authKeys: 2, messages: 3, skipped: false });

    expect((await AuthKey.findById(authKeyId('old', 'session', '34600000001.0')).lean())?.data).toBe('{"k":1}');
    expect((await AuthKey.findById(authKeyId('old', 'pre-key', '7')).lean())?.data).toBe('{"k":2}');
    expect(await AuthKey.countDocuments({ sessionId: 'old' })).toBe(2);
    for (const id of ['A1', 'A2', 'A3', 'A4']) {
      expect((await Message.findById(messageObjectId('old', id)).lean())?.text, id).toBe(`text of ${id === 'A3' ? 'A3#moving-to-derived-id' : id}`);
    }
    expect((await Message.findById(messageObjectId('old', 'A3')).lean())?.messageId).toBe('A3');
    expect(await Message.countDocuments({ sessionId: 'old' })).toBe(4);

    // Later starts skip it.
    await Message.collection.insertOne(oldMessage('B1') as never);
    expect(await migrateToDerivedIds(silentLogger())).toEqual({ authKeys: 0, messages: 0, skipped: true });
  });
});
