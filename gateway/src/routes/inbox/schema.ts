import { z } from '../../openapi/zod.ts';
import { objectId, pageQuery, sessionIdSchema } from '../common.ts';
import { chatSchema } from '../messages/schema.ts';

/** GET /api/chats: the inbox across every session the caller may read. */
export const listInboxQuery = pageQuery.extend({
  sessionId: sessionIdSchema.optional().openapi({ description: 'Only chats of this session' }),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: 'Name or number contains (case-insensitive)' }),
  view: z.enum(['all', 'mine', 'unassigned']).default('all').openapi({
    description: '`mine`: chats assigned to the caller; `unassigned`: chats nobody is assigned to. Employees only ever see their assigned chats.',
  }),
  needsReply: z.enum(['true', 'false']).optional().openapi({ description: 'Only chats whose customer waits (true) or does not wait (false) for a reply' }),
  label: objectId.optional().openapi({ description: 'Only chats with this label' }),
  assignee: objectId.optional().openapi({ description: 'Only chats assigned to this user (among the assignments the caller may read)' }),
  unread: z.enum(['true', 'false']).optional().openapi({ description: 'Only chats with unread messages or marked unread (true), or with none (false)' }),
  scheduled: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Only chats with a reply scheduled to go later, or one that could not go (snoozed or not; `snoozed` is then ignored)' }),
  snoozed: z
    .enum(['true', 'false', 'any'])
    .default('false')
    .openapi({ description: 'Chats put aside until a later time (true), the others (false, the default: a snoozed chat is out of the lists and badges until it wakes or the customer writes), or both (any: pickers such as the forward dialog)' }),
  pinned: z.enum(['true']).optional().openapi({ description: "Only the chats the caller pinned to the top of their inbox (PUT …/pin; at most a few)" }),
  sort: z.enum(['recent', 'waiting']).default('recent').openapi({
    description: '`recent` (the default): latest activity first. `waiting`: the chats whose customer waits for a reply, the longest wait first (`waitingSince`; implies `needsReply=true`)',
  }),
}).refine((q) => !(q.sort === 'waiting' && q.needsReply === 'false'), {
  path: ['sort'],
  message: '`sort=waiting` lists the chats that wait for a reply: it cannot be combined with needsReply=false',
});

/** One assignee of an inbox chat. */
export const assigneeSchema = z.object({ userId: z.string(), name: z.string() });

/** A chat as the inbox lists it (InboxChatView). */
export const inboxChatSchema = chatSchema
  .extend({
    sessionName: z.string(),
    phone: z.string().nullable().openapi({ description: 'Digits of the contact number (…@s.whatsapp.net chats), else null' }),
    needsReply: z.boolean().openapi({ description: 'The last customer message came after the last agent reply and after the chat was last marked as needing none' }),
    lastInboundAt: z.number().nullable().openapi({ description: 'ms since epoch of the last incoming message' }),
    lastOutboundAt: z.number().nullable().openapi({ description: 'ms since epoch of the last outgoing message' }),
    snoozedUntil: z.number().nullable().openapi({ description: 'ms since epoch until which the chat is put aside (PUT …/snooze), null when it is not' }),
    nextScheduledAt: z.number().nullable().openapi({ description: 'ms since epoch when the earliest reply scheduled in the chat goes (POST …/scheduled), null when none waits' }),
    scheduledFailed: z.boolean().openapi({ description: 'A reply scheduled in the chat could not be sent (until it is retried or discarded)' }),
    waitingSince: z.number().nullable().openapi({ description: "ms since epoch when the customer's current wait began (their first message since the team's last reply or since the chat was marked as needing none); null when it needs no reply" }),
    handledAt: z.number().nullable().openapi({ description: 'ms since epoch when an agent last marked the chat as needing no reply (POST …/handled), null if never' }),
    pinnedAt: z.number().nullable().openapi({ description: "ms since epoch when the caller pinned the chat to the top of their inbox (PUT …/pin), null when they did not" }),
    lastMessageFromMe: z.boolean().nullable(),
    assignees: z.array(assigneeSchema).openapi({ description: 'Users assigned to the chat (those whose assignments the caller may read)' }),
    labels: z.array(z.string()).openapi({ description: 'Ids of the labels on the chat (`GET /api/labels` names them)' }),
  })
  .openapi('InboxChat');
