import { Types } from 'mongoose';
import { GROUP_EVENT_ACTIONS, type GroupEvent, type GroupEventParty } from '../../domain/groupEvents.ts';
import { CALL_OUTCOMES, MESSAGE_KINDS, MESSAGE_STATUSES, type MessageCall, type MessageMention, type QuotedElsewhere } from '../../domain/messages.ts';
import { messageObjectId, type MessageDoc, type CalendarEventDoc, type MessageInviteDoc } from './message.ts';

/** Fields of MessageDoc that an incoming message always has. */
type Always = 'sessionId' | 'chatId' | 'messageId' | 'fromMe' | 'kind' | 'status' | 'timestamp' | 'attempts';
/** Optional fields of MessageDoc that ingest always sets, to a value or null. */
type OrNull = 'sender' | 'pushName' | 'text' | 'caption' | 'mediaStatus' | 'quotedId' | 'reaction' | 'location';

/** What an actor knows of a message it read from WhatsApp (session-actor/src/messages/ingest.ts). */
export type IncomingMessageFields = Pick<MessageDoc, Always> & { [K in OrNull]-?: NonNullable<MessageDoc[K]> | null } & {
  /** The stored media's id (hex), or null. */
  mediaId: string | Types.ObjectId | null;
  /** WhatsApp marked it forwarded (absent otherwise, as the schema leaves it). */
  forwarded?: true;
  /** Who its text mentions (absent when nobody, as the schema leaves it). */
  mentions?: MessageMention[];
  /** A `system` message's change to the group (absent otherwise). */
  system?: GroupEvent;
  /** A `call` message's call (absent otherwise). */
  call?: MessageCall;
  /** The quoted message when it is in another chat (absent otherwise). */
  quotedFrom?: QuotedElsewhere;
  /** A poll's or an event's key for its votes or answers (32 bytes; absent otherwise). */
  messageSecret?: Buffer;
  /** An `event` message's date and place (absent otherwise). */
  event?: CalendarEventDoc;
  /** An `invite` message's group and invitation (absent otherwise). */
  invite?: MessageInviteDoc;
};

/** The document stored for an incoming message, exactly as `Message.create` would store it. */
export type IncomingMessageDocument = Omit<IncomingMessageFields, 'mediaId'> & {
  _id: Types.ObjectId;
  mediaId: Types.ObjectId | null;
  statusReason: null;
  clientId: null;
  userId: null;
  createdAt: Date;
  updatedAt: Date;
  __v: 0;
};

/** A message that does not fit the schema; `errors` names each bad field. */
export class MessageValidationError extends Error {
  override name = 'ValidationError';
  constructor(readonly errors: Record<string, string>) {
    super(`Message validation failed: ${Object.entries(errors).map(([path, why]) => `${path}: ${why}`).join(', ')}`);
  }
}

const KINDS = new Set<string>(MESSAGE_KINDS);
const STATUSES = new Set<string>(MESSAGE_STATUSES);
const MEDIA_STATUSES = new Set<unknown>(['pending', 'failed', null]);

/**
 * Builds and validates the document of an incoming message without mongoose (issue 13: building
 * a `Message` model document and validating it was a twentieth of a busy actor's CPU under an
 * inbound load, and most of its garbage). The same checks and defaults as the `Message` schema
 * (models/message.ts) for these fields — required values, enums, a valid date, finite
 * coordinates, an ObjectId for the media — the derived `_id`, version key 0 and both timestamps
 * set to `now`; `tests/integration/models/incomingMessage.test.ts` stores the same messages
 * both ways and compares them. Throws MessageValidationError naming every bad field.
 */
export function incomingMessageDocument(fields: IncomingMessageFields, now: Date = new Date()): IncomingMessageDocument {
  const errors: Record<string, string> = {};
  for (const path of ['sessionId', 'chatId', 'messageId'] as const) {
    if (typeof fields[path] !== 'string' || fields[path] === '') errors[path] = 'is required';
  }
  if (typeof fields.fromMe !== 'boolean') errors.fromMe = 'is required';
  for (const path of ['sender', 'pushName', 'text', 'caption', 'quotedId'] as const) {
    if (fields[path] !== null && typeof fields[path] !== 'string') errors[path] = 'is not a string';
  }
  if (!KINDS.has(fields.kind)) errors.kind = `"${String(fields.kind)}" is not a message kind`;
  if (!STATUSES.has(fields.status)) errors.status = `"${String(fields.status)}" is not a message status`;
  if (!MEDIA_STATUSES.has(fields.mediaStatus)) errors.mediaStatus = `"${String(fields.mediaStatus)}" is not a media status`;
  if (!(fields.timestamp instanceof Date) || Number.isNaN(fields.timestamp.getTime())) errors.timestamp = 'is not a valid date';
  if (typeof fields.attempts !== 'number' || !Number.isFinite(fields.attempts)) errors.attempts = 'is not a number';
  let mediaId: Types.ObjectId | null = null;
  if (fields.mediaId !== null) {
    if (fields.mediaId instanceof Types.ObjectId) mediaId = fields.mediaId;
    else if (typeof fields.mediaId === 'string' && /^[0-9a-f]{24}$/i.test(fields.mediaId)) mediaId = new Types.ObjectId(fields.mediaId);
    else errors.mediaId = 'is not an ObjectId';
  }
  const reaction = fields.reaction === null ? null : subdocument('reaction', fields.reaction, { emoji: 'string', targetId: 'string' }, errors);
  const location = fields.location === null ? null : subdocument('location', fields.location, { latitude: 'number', longitude: 'number', name: 'string', address: 'string' }, errors);
  const mentions = fields.mentions?.length ? mentionDocuments(fields.mentions, errors) : undefined;
  const system = fields.system ? groupEventDocument(fields.system, errors) : undefined;
  const quotedFrom = fields.quotedFrom ? quotedDocument(fields.quotedFrom, errors) : undefined;
  const call = fields.call ? callDocument(fields.call, errors) : undefined;
  const event = fields.event ? eventDocument(fields.event, errors) : undefined;
  const invite = fields.invite ? inviteDocument(fields.invite, errors) : undefined;
  if (fields.messageSecret !== undefined && !(Buffer.isBuffer(fields.messageSecret) && fields.messageSecret.length === 32)) errors.messageSecret = 'is not a 32-byte key';
  if (Object.keys(errors).length > 0) throw new MessageValidationError(errors);
  return {
    _id: messageObjectId(fields.sessionId, fields.messageId),
    sessionId: fields.sessionId,
    chatId: fields.chatId,
    messageId: fields.messageId,
    fromMe: fields.fromMe,
    sender: fields.sender,
    pushName: fields.pushName,
    kind: fields.kind,
    text: fields.text,
    caption: fields.caption,
    mediaId,
    mediaStatus: fields.mediaStatus,
    quotedId: fields.quotedId,
    reaction: reaction as IncomingMessageDocument['reaction'],
    location: location as IncomingMessageDocument['location'],
    status: fields.status,
    statusReason: null,
    timestamp: fields.timestamp,
    clientId: null,
    userId: null,
    attempts: fields.attempts,
    ...(fields.forwarded === true ? { forwarded: true as const } : {}),
    ...(mentions ? { mentions } : {}),
    ...(system ? { system } : {}),
    ...(quotedFrom ? { quotedFrom } : {}),
    ...(call ? { call } : {}),
    ...(fields.messageSecret ? { messageSecret: fields.messageSecret } : {}),
    ...(event ? { event } : {}),
    ...(invite ? { invite } : {}),
    createdAt: now,
    updatedAt: now,
    __v: 0,
  };
}

const isDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** An event as the schema stores it: a valid `startAt` required, the rest only when present. */
function eventDocument(e: CalendarEventDoc, errors: Record<string, string>): CalendarEventDoc {
  if (!isDate(e.startAt)) errors['event.startAt'] = 'is not a valid date';
  if (e.endAt !== undefined && !isDate(e.endAt)) errors['event.endAt'] = 'is not a valid date';
  if (e.link !== undefined && typeof e.link !== 'string') errors['event.link'] = 'is not a string';
  const place = e.place ? subdocument('event.place', e.place, { name: 'string', address: 'string', latitude: 'number', longitude: 'number' }, errors) : null;
  return {
    startAt: e.startAt,
    ...(e.endAt !== undefined ? { endAt: e.endAt } : {}),
    ...(place ? { place: place as NonNullable<CalendarEventDoc['place']> } : {}),
    ...(e.link !== undefined ? { link: e.link } : {}),
    ...(e.canceled !== undefined ? { canceled: e.canceled === true } : {}),
  };
}

/** An invitation as the schema stores it: the group's id and name and the code required. */
function inviteDocument(i: MessageInviteDoc, errors: Record<string, string>): MessageInviteDoc {
  for (const field of ['groupId', 'groupName', 'code'] as const) if (typeof i[field] !== 'string' || i[field] === '') errors[`invite.${field}`] = 'is required';
  if (i.expiresAt !== undefined && !isDate(i.expiresAt)) errors['invite.expiresAt'] = 'is not a valid date';
  return { groupId: i.groupId, groupName: i.groupName, code: i.code, ...(i.expiresAt !== undefined ? { expiresAt: i.expiresAt } : {}) };
}

/** A call as the schema stores it: `video` a boolean, `outcome` one of CALL_OUTCOMES. */
function callDocument(call: MessageCall, errors: Record<string, string>): MessageCall | undefined {
  if (typeof call.video !== 'boolean') errors['call.video'] = 'is not a boolean';
  if (!(CALL_OUTCOMES as readonly string[]).includes(call.outcome)) errors['call.outcome'] = `"${String(call.outcome)}" is not a call outcome`;
  return { video: call.video, outcome: call.outcome };
}

/**
 * A nested document as the schema stores it: its declared fields only, an absent one left out,
 * null kept; strings must be strings and numbers finite numbers.
 */
function subdocument(path: string, value: object, shape: Record<string, 'string' | 'number'>, errors: Record<string, string>): Record<string, unknown> | null {
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors[path] = 'is not an object';
    return null;
  }
  const out: Record<string, unknown> = {};
  for (const [field, type] of Object.entries(shape)) {
    const v = (value as Record<string, unknown>)[field];
    if (v === undefined) continue;
    if (v !== null && (type === 'string' ? typeof v !== 'string' : typeof v !== 'number' || !Number.isFinite(v))) {
      errors[`${path}.${field}`] = `is not a ${type === 'string' ? 'string' : 'finite number'}`;
      continue;
    }
    out[field] = v;
  }
  return out;
}

/** Mentions as the schema stores them: `user` and `jid` required strings, `name` a string or null, `isAccount` only when true. */
function mentionDocuments(list: MessageMention[], errors: Record<string, string>): MessageMention[] {
  return list.map((m, i) => {
    for (const field of ['user', 'jid'] as const) if (typeof m[field] !== 'string' || m[field] === '') errors[`mentions.${i}.${field}`] = 'is required';
    if (m.name !== null && typeof m.name !== 'string') errors[`mentions.${i}.name`] = 'is not a string';
    return { user: m.user, jid: m.jid, name: m.name ?? null, ...(m.isAccount === true ? { isAccount: true as const } : {}) };
  });
}

const ACTIONS = new Set<string>(GROUP_EVENT_ACTIONS);

/** A group change as the schema stores it (parties kept as given: `jid`, `name`, `isAccount` when true). */
function groupEventDocument(e: GroupEvent, errors: Record<string, string>): GroupEvent {
  if (!ACTIONS.has(e.action)) errors['system.action'] = `"${String(e.action)}" is not a group change`;
  const party = (p: GroupEventParty): GroupEventParty => ({ jid: p.jid, name: p.name ?? null, ...(p.isAccount === true ? { isAccount: true as const } : {}) });
  return {
    action: e.action,
    by: e.by ? party(e.by) : null,
    who: e.who.map(party),
    ...(typeof e.value === 'string' ? { value: e.value } : {}),
  };
}

/** A quote from another chat as the schema stores it: `chatId`, `fromMe` and a known `kind` required. */
function quotedDocument(q: QuotedElsewhere, errors: Record<string, string>): QuotedElsewhere {
  if (typeof q.chatId !== 'string' || q.chatId === '') errors['quotedFrom.chatId'] = 'is required';
  if (typeof q.fromMe !== 'boolean') errors['quotedFrom.fromMe'] = 'is required';
  if (!KINDS.has(q.kind)) errors['quotedFrom.kind'] = `"${String(q.kind)}" is not a message kind`;
  for (const field of ['sender', 'text'] as const) if (q[field] !== null && typeof q[field] !== 'string') errors[`quotedFrom.${field}`] = 'is not a string';
  if (q.senderName !== undefined && q.senderName !== null && typeof q.senderName !== 'string') errors['quotedFrom.senderName'] = 'is not a string';
  return { chatId: q.chatId, sender: q.sender ?? null, ...(q.senderName ? { senderName: q.senderName } : {}), fromMe: q.fromMe, kind: q.kind, text: q.text ?? null };
}
