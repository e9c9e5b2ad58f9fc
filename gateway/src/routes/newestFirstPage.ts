import type { Model, ProjectionType, QueryFilter, SortOrder } from 'mongoose';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Windows a chat list reads before the whole filter: the last day, then the last week. */
export const CHAT_WINDOWS_MS: readonly number[] = [DAY_MS, 7 * DAY_MS];
/** Windows a chat's messages read before the whole filter. */
export const MESSAGE_WINDOWS_MS: readonly number[] = [DAY_MS, 7 * DAY_MS, 30 * DAY_MS];

export interface NewestFirstPage<D> {
  /** Its first key is the date field the page sorts on, descending. */
  sort: Record<string, SortOrder>;
  skip: number;
  limit: number;
  /** The windows end here: now, or the page's `before` cursor (ms since the epoch). */
  until: number;
  /** Empty: the plain sorted read alone. */
  windowsMs: readonly number[];
  projection?: ProjectionType<D>;
}

/**
 * A page of the documents `filter` selects, newest first by a date field, read from recent
 * windows first: the documents dated within `span` of `until`, when there are at least
 * `skip + limit` of them, hold the whole page, since every other document (older, or undated)
 * sorts after each of them. The embedded database evaluates such a date range in SQLite and
 * decodes only the window's documents, where a sorted read of the whole filter decodes every
 * document it selects (an admin's inbox over 50,000 chats, a long thread: docs/cluster.md,
 * eleventh pass); on MongoDB each read is an index range. When no window fills the page, the
 * page is read from the whole filter, as a plain sorted read would.
 */
export async function newestFirstPage<D>(model: Model<D>, filter: QueryFilter<D>, page: NewestFirstPage<D>): Promise<D[]> {
  const { sort, skip, limit, until, windowsMs, projection } = page;
  const field = Object.keys(sort)[0]!;
  const need = skip + limit;
  for (const span of windowsMs) {
    const recent = { $and: [filter, { [field]: { $gte: new Date(until - span) } }] } as QueryFilter<D>;
    const docs = await model.find(recent, projection).sort(sort).limit(need).lean<D[]>();
    if (docs.length === need) return docs.slice(skip);
  }
  return model.find(filter, projection).sort(sort).skip(skip).limit(limit).lean<D[]>();
}
