import { searchPattern } from '@switchboard/shared';
import { Assignment, ChatPin, type ChatDoc } from '@switchboard/shared/node';
import { Types, type QueryFilter } from 'mongoose';
import type { z } from 'zod';
import type { AuthContext } from '../../auth/authContext.ts';
import { scope } from '../../policies/subjects.ts';
import { chatPairsFilter } from '../chatPairs.ts';
import { escapeRegex } from '../common.ts';
import type { listInboxQuery } from './schema.ts';
import { awakeChats, snoozedChats } from './snoozedFilter.ts';

type InboxQuery = z.output<typeof listInboxQuery>;
type ChatFilter = QueryFilter<ChatDoc>;

/** The `view` part: chats assigned to the caller, or chats assigned to nobody (one query). */
async function viewFilter(auth: AuthContext, q: InboxQuery): Promise<ChatFilter | null> {
  if (q.view === 'all') return null;
  const scope = q.sessionId ? { sessionId: q.sessionId } : {};
  if (q.view === 'mine') {
    const mine = await Assignment.find({ ...scope, userId: auth.user._id }, { sessionId: 1, chatId: 1 }).lean();
    const any = chatPairsFilter(mine);
    return any.length ? { $or: any } : { _id: { $in: [] } };
  }
  const assigned = await Assignment.find(scope, { sessionId: 1, chatId: 1 }).lean();
  const any = chatPairsFilter(assigned);
  return any.length ? { $nor: any } : null;
}

/** The `assignee` part: chats assigned to that user, among the assignments the caller may read. */
async function assigneeFilter(auth: AuthContext, q: InboxQuery, userId: string): Promise<ChatFilter> {
  const theirs = await Assignment.find({ $and: [scope(auth, 'read', 'Assignment'), { userId: new Types.ObjectId(userId) }, q.sessionId ? { sessionId: q.sessionId } : {}] }, { sessionId: 1, chatId: 1 }).lean();
  const any = chatPairsFilter(theirs);
  return any.length ? { $or: any } : { _id: { $in: [] } };
}

/** The `pinned` part: the chats the caller pinned. */
async function pinnedFilter(auth: AuthContext): Promise<ChatFilter> {
  const pins = await ChatPin.find({ userId: auth.user._id }, { sessionId: 1, chatId: 1 }).lean();
  const any = chatPairsFilter(pins);
  return any.length ? { $or: any } : { _id: { $in: [] } };
}

/** The `q` part: WhatsApp's name or the team's contains q whatever its accents, or the number contains its digits (`+34 600` finds 34600…). */
function searchFilter(q: string): ChatFilter {
  const digits = q.replace(/[\s+\-()]/g, '');
  const number = /^\d+$/.test(digits) ? digits : q;
  const pattern = searchPattern(q);
  return { $or: [{ name: { $regex: pattern, $options: 'i' } }, { customName: { $regex: pattern, $options: 'i' } }, { jid: { $regex: escapeRegex(number), $options: 'i' } }] };
}

/**
 * The database filter of the inbox list: what the caller may read (`accessibleBy`, so
 * employees only ever get their assigned chats), narrowed by session, view, search,
 * needs-reply (the flag the actor stores with the times, see ChatDoc.needsReply; implied by
 * `sort=waiting`), label, unread, assignee, the caller's pins and snoozed (by default a chat put
 * aside until later is left out until then), or only the chats with a scheduled reply
 * (`scheduled=true`, snoozed or not).
 */
export async function inboxFilter(auth: AuthContext, q: InboxQuery): Promise<ChatFilter> {
  const and: ChatFilter[] = [scope(auth, 'read', 'Chat') as ChatFilter];
  if (q.sessionId) and.push({ sessionId: q.sessionId });
  if (q.q) and.push(searchFilter(q.q));
  if (q.needsReply === 'true' || q.sort === 'waiting') and.push({ needsReply: true });
  else if (q.needsReply === 'false') and.push({ needsReply: { $ne: true } });
  if (q.label) and.push({ labels: new Types.ObjectId(q.label) });
  if (q.unread) and.push(q.unread === 'true' ? { unreadCount: { $gt: 0 } } : { unreadCount: { $not: { $gt: 0 } } });
  const now = new Date();
  // Chats with a reply scheduled (or one that could not go), snoozed or not: what the team will send.
  if (q.scheduled === 'true') and.push({ $or: [{ nextScheduledAt: { $gt: new Date(0) } }, { scheduledFailed: true }] });
  else if (q.snoozed !== 'any') and.push(q.snoozed === 'true' ? snoozedChats(now) : awakeChats(now));
  const view = await viewFilter(auth, q);
  if (view) and.push(view);
  if (q.assignee) and.push(await assigneeFilter(auth, q, q.assignee));
  if (q.pinned) and.push(await pinnedFilter(auth));
  return { $and: and };
}
