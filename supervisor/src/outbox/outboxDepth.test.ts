/**
 * The outbox depth counts, against the real database: every touched session's pending sends in
 * one request, untouched sessions never, and a session with nothing pending as 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, disconnectDatabase, Message, silentLogger } from '@switchboard/shared/node';
import { queriesOn } from '../../../tests/support/queryLog.ts';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { OutboxDepth } from './outboxDepth.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('outbox_depth'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

let n = 0;
const message = (sessionId: string, status: 'pending' | 'sent' | 'delivered', fromMe = true) => ({
  sessionId, chatId: '34600000001@s.whatsapp.net', messageId: `3EB0DEPTH${String(++n).padStart(13, '0')}`, fromMe, status, kind: 'text' as const, text: 'x', timestamp: new Date(),
});

/** The requests made on the messages collection while `fn` runs. */
const messageRequests = async (fn: () => Promise<unknown>): Promise<string[]> => (await queriesOn('messages', fn)).calls.map(([method]) => method);

describe('OutboxDepth', () => {
  it("counts every touched session's pending sends with one request, and only those sessions", async () => {
    await Message.insertMany([
      message('depth-a', 'pending'), message('depth-a', 'pending'), message('depth-a', 'sent'),
      message('depth-b', 'delivered'), message('depth-b', 'pending', false),
      message('depth-c', 'pending'),
      message('depth-d', 'pending'),
    ]);
    const depth = new OutboxDepth(silentLogger());
    for (const s of ['depth-a', 'depth-b', 'depth-c']) depth.touch(s);
    let waiting: string[] = [];
    const requests = await messageRequests(async () => (waiting = await depth.refresh()));
    expect(requests).toEqual(['aggregate']);
    expect(waiting).toEqual(['depth-a', 'depth-c']);
    expect(['depth-a', 'depth-b', 'depth-c', 'depth-d'].map((s) => depth.get(s))).toEqual([2, 0, 1, null]);
    // Nothing touched since: nothing counted.
    expect(await messageRequests(() => depth.refresh())).toEqual([]);
  });
});
