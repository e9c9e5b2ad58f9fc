import type { ChatDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';

/** Chats not put aside at `now` (never snoozed, woken, or their time has come). */
export const awakeChats = (now: Date): QueryFilter<ChatDoc> => ({ $or: [{ snoozedUntil: null }, { snoozedUntil: { $lte: now } }] });

/** Chats put aside until after `now`. */
export const snoozedChats = (now: Date): QueryFilter<ChatDoc> => ({ snoozedUntil: { $gt: now } });
