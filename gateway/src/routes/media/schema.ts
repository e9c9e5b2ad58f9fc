import { MESSAGE_KINDS } from '@switchboard/shared';
import { AppError } from '../../errors.ts';

/** Parses a session id path parameter (same rule as the rest of the API). */
export function parseSessionId(raw: string | undefined): string {
  if (!raw || !/^[A-Za-z0-9_-]{1,64}$/.test(raw)) throw new AppError(400, 'validation_failed', 'Invalid session id');
  return raw;
}

/** Parses a chat JID path parameter. */
export function parseChatId(raw: string | undefined): string {
  if (!raw || raw.length > 200 || !/^[0-9A-Za-z._:-]+@[a-z.]+$/.test(raw)) {
    throw new AppError(400, 'validation_failed', 'Invalid chat id');
  }
  return raw;
}

/** Validated query of the media list: paging plus optional kind and chat filters. */
export function listMediaQuery(q: Record<string, unknown>): { page: number; limit: number; filter: Record<string, string> } {
  const num = (v: unknown, def: number, max: number): number => {
    if (v === undefined) return def;
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new AppError(400, 'validation_failed', 'Invalid paging parameters');
    return n;
  };
  const filter: Record<string, string> = {};
  if (q.kind !== undefined) {
    if (typeof q.kind !== 'string' || !(MESSAGE_KINDS as readonly string[]).includes(q.kind)) {
      throw new AppError(400, 'validation_failed', 'Invalid kind');
    }
    filter.kind = q.kind;
  }
  if (q.chatId !== undefined) filter.chatId = parseChatId(typeof q.chatId === 'string' ? q.chatId : undefined);
  return { page: num(q.page, 1, 1_000_000), limit: num(q.limit, 50, 200), filter };
}
