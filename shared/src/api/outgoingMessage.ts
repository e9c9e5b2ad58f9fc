/**
 * The one definition of an outgoing message: its fields and the rules between them ("a text
 * message needs text"). The gateway validates the JSON send and the multipart send with
 * `outgoingMessageBody`; the supervisor checks what reaches the hub with `outgoingMessageInput`.
 * Flow: REST body (gateway, outgoingMessageBody) → hub.send → acceptSend (supervisor,
 * outgoingMessageInput) → stored `pending` → the session actor sends it.
 */
import { z } from 'zod';
import { MESSAGE_KINDS, type OutgoingMessageInput } from '../domain/messages.ts';
import { MAX_MENTIONS, mentionProblems, outgoingMessageProblems, SENDABLE_KINDS, type MessageContent } from '../domain/outgoingContent.ts';
import { MAX_POLL_OPTIONS } from '../domain/polls.ts';

/** Adds outgoingMessageProblems (and mentionProblems) as zod issues (a send's, or an event's change: eventChanges.ts). */
export function checkContent(m: MessageContent & { caption?: string | undefined; mentions?: string[] | undefined }, ctx: z.RefinementCtx): void {
  for (const p of [...outgoingMessageProblems(m), ...mentionProblems(m)]) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
}

/** The latest an event may be dated (ms): the year 9999, as WhatsApp's seconds allow. */
const MAX_EVENT_MS = 253_402_300_799_000;

const objectId = z.string().regex(/^[0-9a-fA-F]{24}$/, 'Must be a 24-character hex id');

/** The people a text mentions, as a client gives them (a multipart form: one comma-separated field). */
export const mentionsField = z
  .preprocess(
    // A multipart form gives them as one field, comma-separated.
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
    z.array(z.string().trim().min(5).max(100)).max(MAX_MENTIONS),
  )
  .optional()
  .describe('People the text or caption mentions (groups): each a phone number (digits) or JID, written in the text as "@" and its digits');

/** An event's date and place, as a client gives them (its name and description are the message's text and caption). */
export const eventFields = z.object({
  startAt: z.number().int().min(0).max(MAX_EVENT_MS),
  endAt: z.number().int().min(0).max(MAX_EVENT_MS).optional(),
  place: z.object({ name: z.string().trim().max(256).optional(), address: z.string().trim().max(512).optional(), latitude: z.number().min(-90).max(90).optional(), longitude: z.number().min(-180).max(180).optional() }).optional(),
});

/** The fields of a send, as a client gives them. */
const sendFields = z.object({
  to: z.string().trim().min(5).max(100).describe('Phone number (digits) or JID'),
  kind: z.enum(SENDABLE_KINDS).optional().describe('Defaults to text, or to the media kind when mediaId is given'),
  text: z.string().min(1).max(65_536).optional(),
  mediaId: objectId.optional(),
  caption: z.string().max(4096).optional(),
  fileName: z.string().max(255).optional(),
  quotedId: z.string().min(1).max(128).optional(),
  reaction: z.object({ emoji: z.string().max(16), targetId: z.string().min(1).max(128) }).optional(),
  location: z
    .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), name: z.string().max(256).optional(), address: z.string().max(512).optional() })
    .optional(),
  contact: z
    .object({
      name: z.string().trim().min(1).max(256),
      phone: z.string().trim().regex(/^\+?[\d\s().-]+$/, 'A phone number in international format').refine((p) => /^\d{6,15}$/.test(p.replace(/\D/g, '')), 'A phone number has 6 to 15 digits, with its country code'),
    })
    .optional()
    .describe('For kind contact: the person to share, sent as a contact card (vCard) their phone can save and write to'),
  poll: z
    .object({
      name: z.string().trim().min(1).max(255),
      options: z
        .array(z.string().trim().min(1).max(100))
        .min(2)
        .max(MAX_POLL_OPTIONS)
        .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, 'Each option must be different'),
      multiple: z.boolean().optional(),
    })
    .optional()
    .describe('For kind poll: the question, 2 to 12 different options, and whether one may pick several (default one)'),
  event: eventFields
    .optional()
    .describe('For kind event (its name in text, up to 256 characters; its description in caption): when it starts and ends (ms since the epoch) and where; the customer can add it to their calendar and answer it'),
  clientId: z.string().min(1).max(200).optional().describe('Idempotency key: the same clientId is accepted once per session'),
  mentions: mentionsField,
});

/**
 * A send as the REST API accepts it (JSON, or the text fields of a multipart send plus the
 * stored file's `mediaId`). Media travels by a stored `mediaId`, never as bytes.
 */
export const outgoingMessageBody = sendFields.superRefine(checkContent);

/** A send request as validated by the REST API. */
export type OutgoingMessageBody = z.output<typeof outgoingMessageBody>;

/**
 * A send as the hub accepts it: the kind is resolved (any kind Switchboard sends: not `unsupported`, `system`, `call` or `invite`), `to`
 * may be a JID, a contact is its vCard in `text` (the gateway writes it: `contactCardFields`), a
 * poll its question and options in `text` (`pollFields`),
 * and the caller's user id rides along.
 */
export const outgoingMessageInput = sendFields
  .omit({ contact: true, poll: true })
  .extend({
    pollMultiple: z.boolean().optional(),
    kind: z.enum(MESSAGE_KINDS).exclude(['unsupported', 'system', 'call', 'invite']),
    userId: z.string().max(64).optional(),
  })
  .superRefine(checkContent) satisfies z.ZodType<OutgoingMessageInput, unknown>;
