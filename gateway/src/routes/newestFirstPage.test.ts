/**
 * newestFirstPage on the run's database: the same page as the plain sorted read, from recent
 * windows alone when one fills it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, connectDatabase, disconnectDatabase, Message, silentLogger, type ChatDoc, type MessageDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';
import { queriesOn } from '../../../tests/support/queryLog.ts';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { CHAT_WINDOWS_MS, MESSAGE_WINDOWS_MS, newestFirstPage } from './newestFirstPage.ts';

const NOW = Date.UTC(2026, 11, 5, 12);
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const CHAT_SORT = { lastMessageAt: -1, _id: -1 } as const;
const MESSAGE_SORT = { timestamp: -1, createdAt: -1 } as const;

beforeAll(async () => {
  await connectDatabase(testDbUri('newest_first_page'), silentLogger());
  // 60 chats active in the last day (pairs share a time: the _id orders them), 40 in the days
  // before (nine of them in the last week), 5 with no message.
  const chat = (i: number, at: number | null) => ({ sessionId: i % 2 ? 'a' : 'b', jid: `${i}@s.whatsapp.net`, ...(at === null ? {} : { lastMessageAt: new Date(at) }) });
  await Chat.insertMany([
    ...Array.from({ length: 60 }, (_, i) => chat(i, NOW - Math.floor(i / 2) * 10 * 60 * 1000)),
    ...Array.from({ length: 40 }, (_, i) => chat(100 + i, NOW - DAY - (i + 1) * 15 * HOUR)),
    ...Array.from({ length: 5 }, (_, i) => chat(200 + i, null)),
  ]);
  // A thread of 120 messages, one every 6 hours (a month back), some sharing a timestamp.
  await Message.insertMany(
    Array.from({ length: 120 }, (_, i) => ({
      sessionId: 's', chatId: 'c@s.whatsapp.net', messageId: `m${i}`, fromMe: i % 2 === 0, kind: 'text', text: `${i}`,
      status: 'read', timestamp: new Date(NOW - Math.floor(i / 3) * 18 * HOUR), createdAt: new Date(NOW + i),
    })),
  );
});
afterAll(async () => {
  await disconnectDatabase();
});

const ids = (docs: { _id: unknown }[]) => docs.map((d) => String(d._id));
/** The page as a plain sorted read of the whole filter gives it: its first `skip + limit`, less the first `skip`. */
const plainPage = async (docs: Promise<{ _id: unknown }[]>, skip: number) => ids((await docs).slice(skip));

describe('newestFirstPage', () => {
  it('returns the chat page the plain sorted read returns, inside the day, the week, and past every dated chat', async () => {
    for (const filter of [{}, { $and: [{}, { sessionId: 'a' }] }] as QueryFilter<ChatDoc>[]) {
      for (const [skip, limit] of [[0, 50], [7, 20], [50, 20], [55, 50], [100, 50]] as const) {
        const page = await newestFirstPage(Chat, filter, { sort: CHAT_SORT, skip, limit, until: NOW, windowsMs: CHAT_WINDOWS_MS });
        expect(ids(page)).toEqual(await plainPage(Chat.find(filter).sort(CHAT_SORT).limit(skip + limit).lean(), skip));
      }
    }
  });

  it('returns the thread page the plain sorted read returns, at the newest end and before a cursor', async () => {
    const base = { sessionId: 's', chatId: 'c@s.whatsapp.net' };
    for (const before of [undefined, NOW - 10 * DAY, NOW - 29 * DAY]) {
      const filter = { ...base, ...(before ? { timestamp: { $lt: new Date(before) } } : {}) } as QueryFilter<MessageDoc>;
      for (const [skip, limit] of [[0, 3], [0, 30], [5, 50], [0, 200]] as const) {
        const page = await newestFirstPage(Message, filter, { sort: MESSAGE_SORT, skip, limit, until: before ?? NOW, windowsMs: MESSAGE_WINDOWS_MS, projection: { text: 1, timestamp: 1, createdAt: 1 } });
        expect(ids(page)).toEqual(await plainPage(Message.find(filter).sort(MESSAGE_SORT).limit(skip + limit).lean(), skip));
      }
    }
  });

  it('reads only the first window that fills the page, and the whole filter after the last', async () => {
    const read = (skip: number, limit: number) =>
      queriesOn('chats', () => newestFirstPage(Chat, {}, { sort: CHAT_SORT, skip, limit, until: NOW, windowsMs: CHAT_WINDOWS_MS }));
    const day = await read(10, 40);
    expect([day.result.length, day.calls.length]).toEqual([40, 1]);
    const week = await read(40, 25);
    expect([week.result.length, week.calls.length]).toEqual([25, 2]);
    const all = await read(90, 50);
    expect([all.result.length, all.calls.length]).toEqual([15, 3]);
  });
});
