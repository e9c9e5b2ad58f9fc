import { CALL_OUTCOMES, EVENT_ANSWERS, GROUP_EVENT_ACTIONS, MESSAGE_KINDS, MESSAGE_STATUSES, outgoingMessageBody } from '@switchboard/shared';
import { openapiNamed, z } from '../../openapi/zod.ts';
import { epochMsQuery, pageQuery } from '../common.ts';

/** Someone in a group change. */
const partySchema = z.object({ jid: z.string(), name: z.string().nullable(), isAccount: z.literal(true).optional() });

/** A change to a group (a `system` message's `system`). */
const groupEventSchema = z
  .object({
    action: z.enum(GROUP_EVENT_ACTIONS),
    by: partySchema.nullable(),
    who: z.array(partySchema),
    value: z.string().optional().openapi({ description: 'The new subject or description; `on` or `off` for a setting' }),
  })
  .openapi('GroupEvent');

/**
 * POST /api/sessions/:sessionId/messages, JSON or multipart: the outgoing-message schema of
 * shared (the same rules the supervisor applies), documented here. Media travels by `mediaId`.
 */
export const sendBody = openapiNamed(outgoingMessageBody, 'SendMessageRequest');

/** Answer of an accepted send. */
export const sendResponse = z
  .object({ messageId: z.string(), status: z.enum(MESSAGE_STATUSES), duplicate: z.boolean(), chatId: z.string() })
  .openapi('AcceptedSend');

/** A chat as returned by the API. */
/** Why a contact gets no messages sent to several conversations (ChatOptOutView). */
export const chatOptOutSchema = z
  .object({
    at: z.number().int(),
    byCustomer: z.boolean().openapi({ description: 'The customer asked (wrote `word`); false: the team decided' }),
    word: z.string().nullable().openapi({ description: 'What the customer wrote, e.g. "BAJA"' }),
  })
  .openapi('ChatOptOut');

export const chatSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    name: z.string().nullable().openapi({ description: "The team's name for the contact when it has one, else WhatsApp's" }),
    customName: z.string().nullable().openapi({ description: 'The name the team gave the contact (PUT …/name), or null' }),
    isGroup: z.boolean(),
    unreadCount: z.number(),
    lastMessageAt: z.number().nullable(),
    lastMessagePreview: z.string().nullable(),
    lastMessageSystem: groupEventSchema.nullable().openapi({ description: 'When the last message is a change to a group: the change (`lastMessagePreview` is then `[system]`), to word in the reader\'s language; else null' }),
    archived: z.boolean(),
    blocked: z.boolean().openapi({ description: "The session's account blocked the contact on WhatsApp (PUT …/blocked, or on the phone): their messages do not arrive, and sends fail as `blocked`" }),
    optedOut: chatOptOutSchema.nullable().openapi({ description: 'The contact gets no messages sent to several conversations (`POST …/broadcasts` leaves them out): they wrote "BAJA" or similar, or the team said so (PUT …/opt-out); null: they get them' }),
    profilePictureMediaId: z.string().nullable(),
  })
  .openapi('Chat');

/** Media facts carried by a message (MessageMediaView). */
export const messageMediaSchema = z
  .object({
    mimeType: z.string(),
    fileName: z.string().nullable(),
    size: z.number().int(),
    width: z.number().nullable(),
    height: z.number().nullable(),
    durationMs: z.number().nullable(),
    hasThumbnail: z.boolean(),
  })
  .openapi('MessageMedia');

/** A message (same shape as Socket.IO events). */
export const messageSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    chatId: z.string(),
    fromMe: z.boolean(),
    sender: z.string().optional(),
    pushName: z.string().optional(),
    kind: z.enum(MESSAGE_KINDS),
    text: z.string().optional(),
    caption: z.string().optional(),
    mediaId: z.string().optional(),
    quotedId: z.string().optional(),
    quotedFrom: z
      .object({ chatId: z.string(), sender: z.string().nullable(), senderName: z.string().nullable().optional(), fromMe: z.boolean(), kind: z.enum(MESSAGE_KINDS), text: z.string().nullable() })
      .optional()
      .openapi({ description: "The quoted message when it is in another chat — WhatsApp's private reply to a group message: the group, the quoted message's author (null for ours) and its words" }),
    reaction: z.object({ emoji: z.string(), targetId: z.string() }).optional(),
    location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() }).optional(),
    status: z.enum(MESSAGE_STATUSES),
    timestamp: z.number(),
    clientId: z.string().optional(),
    media: messageMediaSchema.optional().openapi({ description: 'Summary of the media file when mediaId is set' }),
    statusReason: z.string().optional().openapi({ description: 'Why the message failed (status `failed`)' }),
    mediaStatus: z
      .enum(['pending', 'failed'])
      .optional()
      .openapi({ description: 'Incoming media not stored yet (no mediaId): `pending` while its download is retried, `failed` after the last try' }),
    editedAt: z.number().optional().openapi({ description: 'When its author edited it on WhatsApp (ms); text / caption are the edited ones' }),
    revokedAt: z.number().optional().openapi({ description: 'When its author deleted it for everyone (ms); its text, caption and media are gone' }),
    starred: z
      .object({ at: z.number(), by: z.string(), name: z.string().nullable().optional().openapi({ description: 'Their name (on the list of a chat\'s starred messages)' }) })
      .optional()
      .openapi({ description: 'A team member marked it *Destacado* to find it again: when (ms) and who (user id); the contact never knows' }),
    sentBy: z
      .object({ id: z.string(), name: z.string().nullable() })
      .optional()
      .openapi({ description: 'The team member who sent it from Switchboard (absent for the phone; an API key names its creator); `name` on REST pages, null on live events' }),
    automated: z.boolean().optional().openapi({ description: 'Sent by Switchboard itself (the away reply outside opening hours): it answers nobody' }),
    statusTimes: z
      .object({ sent: z.number().optional(), delivered: z.number().optional(), read: z.number().optional(), played: z.number().optional() })
      .optional()
      .openapi({ description: "Ours: when WhatsApp took it and when the contact's phone said delivered, read, played (ms); statuses not reached yet are absent" }),
    forwarded: z.boolean().optional().openapi({ description: 'Forwarded (WhatsApp shows it as such): a customer forwarded it, or the team forwarded it from another chat (POST …/messages/:messageId/forward)' }),
    system: groupEventSchema
      .optional()
      .openapi({ description: 'A `system` message: a change to the group as WhatsApp shows it in the chat (who added, removed, promoted whom; a new subject or description), its people named when it happened' }),
    call: z
      .object({ video: z.boolean(), outcome: z.enum(CALL_OUTCOMES) })
      .optional()
      .openapi({ description: 'A `call` message: a voice or video call from the contact, and how it ended: `missed` (nobody answered), `answered` or `declined` on the account\'s phone, `rejected` by Switchboard (the session rejects calls)' }),
    pollVotes: z
      .array(z.object({ voter: z.string(), options: z.array(z.string()) }))
      .optional()
      .openapi({ description: "A `poll` message's votes as WhatsApp delivered them: each voter (their phone-number JID when known) and the options they picked, by name (a voter's latest vote; one taken back is left out)" }),
    event: z
      .object({
        startAt: z.number(),
        endAt: z.number().optional(),
        place: z.object({ name: z.string().optional(), address: z.string().optional(), latitude: z.number().optional(), longitude: z.number().optional() }).optional(),
        link: z.string().optional(),
        canceled: z.literal(true).optional(),
        responses: z.array(z.object({ responder: z.string(), answer: z.enum(EVENT_ANSWERS), extraGuests: z.number().int().positive().optional() })).optional(),
      })
      .optional()
      .openapi({
        description:
          "An `event` message (its name is `text`, its description `caption`): when (ms), where, or its call's `link`, whether its organiser cancelled it, and who answered it in the chat (`going`, `not_going`, `maybe`; each person's latest answer, with the guests they bring)",
      }),
    invite: z
      .object({ groupId: z.string(), groupName: z.string(), expiresAt: z.number().optional(), acceptedAt: z.number().optional() })
      .optional()
      .openapi({ description: 'An `invite` message (its words are `text`): the group it invites to, until when it can be accepted (ms), and when the account joined by it from Switchboard (POST …/messages/:messageId/accept-invite)' }),
    mentions: z
      .array(partySchema.extend({ user: z.string() }))
      .optional()
      .openapi({ description: "Whom its text mentions (groups): `@` + `user` in the text is the person `jid` (their phone-number JID when known), `name` as known when it was stored, `isAccount` for the session's own account" }),
  })
  .openapi('Message');

/** GET /api/sessions/:sessionId/chats */
export const listChatsQuery = pageQuery.extend({ type: z.enum(['individual', 'group', 'all']).default('all'), q: z.string().trim().max(100).optional() });

/** GET /api/sessions/:sessionId/messages */
export const listMessagesQuery = pageQuery.extend({
  chatId: z.string().trim().min(3).max(100),
  before: epochMsQuery(1).optional().openapi({ description: 'Only messages older than this timestamp (ms)' }),
  after: epochMsQuery().optional().openapi({ description: 'Only messages newer than this timestamp (ms), to catch up after a gap' }),
  total: z
    .enum(['true', 'false'])
    .default('true')
    .openapi({ description: '`false` skips counting the matching messages (`total` is then -1): clients that page by `before` do not need it, and a count scans the chat' }),
});

