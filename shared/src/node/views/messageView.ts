/**
 * The one presenter of stored messages: the actor's Socket.IO events (`message`,
 * `message-sent`) and the gateway's REST lists build MessageView here, so both carry the same
 * shape (nulls dropped, ids as strings, media summary and failure reason when present).
 */
import { TIMED_STATUSES, type CalendarEvent } from '../../domain/messages.ts';
import type { MessageMediaView, MessageView, StatusTimes } from '../../protocol/events.ts';
import type { MediaDoc } from '../models/media.ts';
import type { MessageDoc } from '../models/message.ts';

/** A stored (or about to be stored) message: what the presenter reads. */
export type StoredMessage = Omit<MessageDoc, '_id' | 'createdAt' | 'updatedAt' | 'attempts'> & Partial<Pick<MessageDoc, 'attempts'>>;

/** The media summary of a Media document. */
export function toMessageMediaView(doc: Pick<MediaDoc, 'mimeType' | 'fileName' | 'size' | 'width' | 'height' | 'durationMs' | 'thumbnailGridFsId'>): MessageMediaView {
  return {
    mimeType: doc.mimeType,
    fileName: doc.fileName ?? null,
    size: doc.size,
    width: doc.width ?? null,
    height: doc.height ?? null,
    durationMs: doc.durationMs ?? null,
    hasThumbnail: !!doc.thumbnailGridFsId,
  };
}

const ms = (d: Date | string | undefined | null): number | undefined => (d ? new Date(d).getTime() : undefined);

/** When the message reached each status, or undefined when none is recorded. */
function statusTimesOf(doc: StoredMessage): StatusTimes | undefined {
  const times: StatusTimes = {};
  for (const status of TIMED_STATUSES) {
    const at = ms(doc[`${status}At`]);
    if (at !== undefined) times[status] = at;
  }
  return Object.keys(times).length ? times : undefined;
}

/** An event's date and place, nulls and empty fields dropped. */
function eventView(e: NonNullable<MessageDoc['event']>): CalendarEvent {
  const place = e.place ? Object.fromEntries(Object.entries(e.place).filter(([, v]) => v !== null && v !== undefined && v !== '')) : {};
  const endAt = ms(e.endAt);
  return {
    startAt: ms(e.startAt)!,
    ...(endAt !== undefined ? { endAt } : {}),
    ...(Object.keys(place).length ? { place } : {}),
    ...(e.link ? { link: e.link } : {}),
    ...(e.canceled ? { canceled: true as const } : {}),
    ...(e.responses?.length ? { responses: e.responses.map(({ responder, answer, extraGuests }) => ({ responder, answer, ...(extraGuests ? { extraGuests } : {}) })) } : {}),
  };
}

/**
 * Presents a stored message; `media` is the summary of its Media document when known, `names`
 * the names of the team members who sent messages (by user id) when the caller read them.
 */
export function toMessageView(doc: StoredMessage, media?: MessageMediaView, names?: ReadonlyMap<string, string>): MessageView {
  const view: MessageView = {
    id: doc.messageId,
    sessionId: doc.sessionId,
    chatId: doc.chatId,
    fromMe: doc.fromMe,
    kind: doc.kind,
    status: doc.status,
    timestamp: new Date(doc.timestamp).getTime(),
  };
  if (doc.sender) view.sender = doc.sender;
  if (doc.pushName) view.pushName = doc.pushName;
  if (doc.text) view.text = doc.text;
  if (doc.caption) view.caption = doc.caption;
  if (doc.mediaId) view.mediaId = String(doc.mediaId);
  if (doc.quotedId) view.quotedId = doc.quotedId;
  if (doc.quotedId && doc.quotedFrom && !doc.revokedAt) {
    const q = doc.quotedFrom;
    view.quotedFrom = { chatId: q.chatId, sender: q.sender ?? null, ...(q.senderName ? { senderName: q.senderName } : {}), fromMe: q.fromMe, kind: q.kind, text: q.text ?? null };
  }
  if (doc.reaction) view.reaction = { emoji: doc.reaction.emoji, targetId: doc.reaction.targetId };
  if (doc.location) {
    const { latitude, longitude, name, address } = doc.location;
    view.location = { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) };
  }
  if (doc.clientId) view.clientId = doc.clientId;
  if (doc.mediaId && media) view.media = media;
  if (!doc.mediaId && doc.mediaStatus) view.mediaStatus = doc.mediaStatus;
  if (doc.status === 'failed' && doc.statusReason) view.statusReason = doc.statusReason;
  if (doc.editedAt) view.editedAt = new Date(doc.editedAt).getTime();
  if (doc.revokedAt) view.revokedAt = new Date(doc.revokedAt).getTime();
  if (doc.starredAt) view.starred = { at: new Date(doc.starredAt).getTime(), by: doc.starredBy ? String(doc.starredBy) : '' };
  if (doc.fromMe && doc.automated) view.automated = true;
  if (doc.forwarded) view.forwarded = true;
  if (doc.kind === 'system' && doc.system) view.system = { action: doc.system.action, by: doc.system.by ?? null, who: doc.system.who ?? [], ...(doc.system.value !== undefined ? { value: doc.system.value } : {}) };
  if (doc.kind === 'call' && doc.call) view.call = { video: doc.call.video, outcome: doc.call.outcome };
  if (doc.kind === 'event' && doc.event) view.event = eventView(doc.event);
  if (doc.kind === 'invite' && doc.invite) {
    const { groupId, groupName } = doc.invite;
    const [expiresAt, acceptedAt] = [ms(doc.invite.expiresAt), ms(doc.invite.acceptedAt)];
    view.invite = { groupId, groupName, ...(expiresAt !== undefined ? { expiresAt } : {}), ...(acceptedAt !== undefined ? { acceptedAt } : {}) };
  }
  // A vote taken back stays stored (an older vote replayed later must not count) but is not shown.
  const votes = doc.kind === 'poll' ? (doc.pollVotes ?? []).filter((v) => v.options.length > 0) : [];
  if (votes.length) view.pollVotes = votes.map((v) => ({ voter: v.voter, options: [...v.options] }));
  if (doc.mentions?.length && !doc.revokedAt) view.mentions = doc.mentions.map((m) => ({ user: m.user, jid: m.jid, name: m.name ?? null, ...(m.isAccount ? { isAccount: true as const } : {}) }));
  if (doc.fromMe) {
    const times = statusTimesOf(doc);
    if (times) view.statusTimes = times;
  }
  if (doc.fromMe && doc.userId) view.sentBy = { id: String(doc.userId), name: names?.get(String(doc.userId)) ?? null };
  return view;
}
