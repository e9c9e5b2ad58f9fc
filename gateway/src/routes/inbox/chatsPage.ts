import { Chat, type ChatDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';

/** How far back the first read of an inbox page looks (see chatsPage). */
export const RECENT_WINDOW_MS = 24 * 60 * 60 * 1000;

const RECENT_FIRST = { lastMessageAt: -1, _id: -1 } as const;

/**
 * A page of the chats `filter` selects, latest activity first. The chats active in the last day
 * are read first: when there are at least `skip + limit` of them they hold the whole page, since
 * every other chat (older, or with no message at all) sorts after each of them. That read is
 * narrowed by a date range, which the embedded database evaluates in SQLite, so it decodes the
 * day's chats instead of every chat it holds (an admin's inbox across 100 sessions: docs/cluster.md,
 * eleventh pass); MongoDB answers both reads from the `{ lastMessageAt: -1, _id: -1 }` index.
 * Otherwise the page is read from the whole filter, as before.
 */
export async function chatsPage(filter: QueryFilter<ChatDoc>, skip: number, limit: number, now = Date.now()): Promise<ChatDoc[]> {
  const need = skip + limit;
  const recent = { $and: [filter, { lastMessageAt: { $gte: new Date(now - RECENT_WINDOW_MS) } }] } as QueryFilter<ChatDoc>;
  const page = await Chat.find(recent).sort(RECENT_FIRST).limit(need).lean<ChatDoc[]>();
  if (page.length === need) return page.slice(skip);
  return Chat.find(filter).sort(RECENT_FIRST).skip(skip).limit(limit).lean<ChatDoc[]>();
}
