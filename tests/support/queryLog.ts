/**
 * The queries mongoose sends to one collection while a piece of code runs (its debug hook), for
 * tests that check how a result was read: by `_id`, in one request, without a filter.
 */
import { Message } from '@switchboard/shared/node';

/** One query: the mongoose method and its arguments (the filter first, for reads). */
export type LoggedQuery = [method: string, ...args: unknown[]];

/** Runs `fn`; resolves with its result and the queries sent to `collection` meanwhile, in order. */
export async function queriesOn<T>(collection: string, fn: () => Promise<T>): Promise<{ result: T; calls: LoggedQuery[] }> {
  const calls: LoggedQuery[] = [];
  // Every model shares one mongoose instance: its debug hook sees every collection.
  Message.base.set('debug', (name: string, method: string, ...args: unknown[]) => {
    if (name === collection) calls.push([method, ...args]);
  });
  try {
    return { result: await fn(), calls };
  } finally {
    Message.base.set('debug', false);
  }
}

/** The top-level keys of a logged query's filter (its first argument). */
export const filterKeys = ([, filter]: LoggedQuery): string[] => Object.keys((filter ?? {}) as object);
