import type { BroadcastSummaryView } from '@switchboard/shared';
import { ScheduledMessage, type ScheduledMessageDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';
import { authorize, scope, subjects } from '../../policies/subjects.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { broadcastListQuery, broadcastSummaries } from './broadcastSchema.ts';

/** How far back the list looks. */
export const BROADCAST_LIST_DAYS = 7;
/** The most messages to several conversations the list returns, newest first. */
export const BROADCAST_LIST_MAX = 20;
/** Sends read for them: a batch holds at most 100 (BROADCAST_CHATS_MAX), so the newest 20 fit. */
const SENDS_READ_MAX = 2000;

type SendDoc = Pick<ScheduledMessageDoc, '_id' | 'batchId' | 'sessionId' | 'status' | 'sendAt' | 'authorId' | 'authorName' | 'createdAt'>;

/** The sends of each batch, the newest batch first; a batch the read may have cut short is left out. */
function byBatch(docs: readonly SendDoc[], cut: boolean): SendDoc[][] {
  const batches = new Map<string, SendDoc[]>();
  for (const d of docs) {
    const sends = batches.get(d.batchId!);
    if (sends) sends.push(d);
    else batches.set(d.batchId!, [d]);
  }
  if (cut && batches.size > 1) batches.delete(docs.at(-1)!.batchId!);
  return [...batches.values()];
}

/** One batch summed up; `sends` in sending order, `content` the words and file of the first. */
function summary(sends: readonly SendDoc[], content: Pick<ScheduledMessageDoc, 'text' | 'file'> | undefined): BroadcastSummaryView {
  const first = sends[0]!;
  const count = (...statuses: string[]) => sends.filter((s) => statuses.includes(s.status)).length;
  return {
    batchId: first.batchId!,
    sessionId: first.sessionId,
    author: { id: first.authorId.toString(), name: first.authorName },
    createdAt: new Date(first.createdAt).toISOString(),
    sample: content?.text ?? '',
    file: content?.file ? { kind: content.file.kind, fileName: content.file.fileName ?? null } : null,
    total: sends.length,
    sent: count('sent'),
    waiting: count('scheduled', 'sending'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    firstAt: new Date(first.sendAt).getTime(),
    lastAt: new Date(sends.at(-1)!.sendAt).getTime(),
  };
}

/**
 * The messages to several conversations of the last days (*Mensajes a varias conversaciones* in
 * the inbox): one line each, with where its sends are, so one still going can be followed and
 * stopped (`DELETE …/broadcasts/:batchId`) after its dialog was closed, from any device. Only
 * the conversations the caller may read count (scoped in the query, as `read Message`).
 * from: the inbox's list (BroadcastsDialog) → here.
 */
export const broadcastListRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/broadcasts', tag: 'Messages', summary: 'Messages sent to several conversations in the last days, newest first, with where their sends are', auth: 'user', permission: ['read', 'Message'],
    record: 'Message', query: broadcastListQuery,
    response: { status: 200, description: `Up to ${BROADCAST_LIST_MAX} from the last ${BROADCAST_LIST_DAYS} days, counting the conversations the caller may read`, schema: broadcastSummaries },
    async handler({ deps, auth, query }) {
      const since = new Date(deps.now().getTime() - BROADCAST_LIST_DAYS * 86_400_000);
      const and: QueryFilter<ScheduledMessageDoc>[] = [scope(auth!, 'read', 'Message') as QueryFilter<ScheduledMessageDoc>, { batchId: { $ne: null }, createdAt: { $gte: since } }];
      if (query.sessionId) {
        authorize(auth, 'read', subjects.session(query.sessionId));
        and.push({ sessionId: query.sessionId });
      }
      const docs = await ScheduledMessage.find({ $and: and }, { batchId: 1, sessionId: 1, status: 1, sendAt: 1, authorId: 1, authorName: 1, createdAt: 1 })
        .sort({ createdAt: -1, _id: -1 })
        .limit(SENDS_READ_MAX)
        .lean<SendDoc[]>();
      const batches = byBatch(docs, docs.length === SENDS_READ_MAX)
        .slice(0, BROADCAST_LIST_MAX)
        .map((sends) => sends.sort((a, b) => new Date(a.sendAt).getTime() - new Date(b.sendAt).getTime() || String(a._id).localeCompare(String(b._id))));
      // The words (and file) of each one's first send the caller may read (read for these alone).
      const firsts = await ScheduledMessage.find({ _id: { $in: batches.map((b) => b[0]!._id) } }, { text: 1, file: 1 }).lean<ScheduledMessageDoc[]>();
      const firstOf = new Map(firsts.map((f) => [String(f._id), f]));
      return { data: batches.map((sends) => summary(sends, firstOf.get(String(sends[0]!._id)))) };
    },
  }),
];
