/**
 * chatsPage on the run's database: the same page as the plain sorted read, from the day's chats
 * alone when they fill it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, connectDatabase, disconnectDatabase, silentLogger, type ChatDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';
import { queriesOn } from '../../../../tests/support/queryLog.ts';
import { testDbUri } from '../../../../tests/support/testDb.ts';
import { chatsPage, RECENT_WINDOW_MS } from './chatsPage.ts';

const NOW = Date.UTC(2026, 11, 5, 12);
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  await connectDatabase(testDbUri('inbox_chats_page'), silentLogger());
  // 60 chats active in the last day (pairs share a time: the _id orders them), 40 older, 5 with no message.
  const chat = (i: number, at: number | null) => ({ sessionId: i % 2 ? 'a' : 'b', jid: `${i}@s.whatsapp.net`, ...(at === null ? {} : { lastMessageAt: new Date(at) }) });
  await Chat.insertMany([
    ...Array.from({ length: 60 }, (_, i) => chat(i, NOW - Math.floor(i / 2) * 10 * 60 * 1000)),
    ...Array.from({ length: 40 }, (_, i) => chat(100 + i, NOW - RECENT_WINDOW_MS - (i + 1) * HOUR)),
    ...Array.from({ length: 5 }, (_, i) => chat(200 + i, null)),
  ]);
});
afterAll(async () => {
  await disconnectDatabase();
});

/** The page as the inbox read it before: one sorted read of the whole filter. */
const plain = (filter: QueryFilter<ChatDoc>, skip: number, limit: number) => Chat.find(filter).sort({ lastMessageAt: -1, _id: -1 }).skip(skip).limit(limit).lean<ChatDoc[]>();
const jids = (docs: ChatDoc[]) => docs.map((d) => d.jid);

describe('chatsPage', () => {
  it('returns the page the plain sorted read returns, inside the day, across it and past every dated chat', async () => {
    for (const filter of [{}, { $and: [{}, { sessionId: 'a' }] }] as QueryFilter<ChatDoc>[]) {
      for (const [skip, limit] of [[0, 50], [7, 20], [50, 20], [55, 50], [100, 50]] as const) {
        expect(jids(await chatsPage(filter, skip, limit, NOW))).toEqual(jids(await plain(filter, skip, limit)));
      }
    }
  });

  it("reads only the day's chats when they fill the page, and the whole filter when they do not", async () => {
    const filled = await queriesOn('chats', () => chatsPage({}, 10, 40, NOW));
    expect(filled.result).toHaveLength(40);
    expect(filled.calls).toHaveLength(1);
    const short = await queriesOn('chats', () => chatsPage({}, 40, 40, NOW));
    expect(short.result).toHaveLength(40);
    expect(short.calls).toHaveLength(2);
  });
});
