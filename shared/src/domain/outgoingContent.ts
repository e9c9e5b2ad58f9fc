/**
 * What an outgoing message of each kind must carry, without zod: the session actor checks a
 * stored send with these rules and loads no schema library (6 MB per actor). The API schemas in
 * `api/outgoingMessage.ts` apply the same rules.
 */
import { writesMention } from './mentions.ts';
import { pollParts } from './polls.ts';
import { isVCard } from './vcard.ts';

/** Kinds whose content is a stored media file (`mediaId`). */
export const MEDIA_MESSAGE_KINDS = ['image', 'video', 'audio', 'voice', 'document', 'sticker'] as const;

/** Kinds a client may send through the API. */
export const SENDABLE_KINDS = ['text', ...MEDIA_MESSAGE_KINDS, 'location', 'contact', 'poll', 'event', 'reaction'] as const;

/** The content fields of a message, whatever its kind. */
export interface MessageContent {
  kind?: string | undefined;
  text?: string | null | undefined;
  mediaId?: unknown;
  reaction?: { targetId?: string | null } | null | undefined;
  location?: object | null | undefined;
  /** A person to share (the API's form of a `contact` message; sent as a vCard in `text`). */
  contact?: object | null | undefined;
  /** A poll to start (the API's form of a `poll` message; stored as its question and options in `text`). */
  poll?: object | null | undefined;
  /** An event's date and place (its name is `text`, its description `caption`). */
  event?: { startAt?: unknown; endAt?: unknown } | null | undefined;
}

/**
 * What a message of its kind lacks (empty when nothing): the rules every layer applies. A body
 * without a kind is text, or the media file's kind when it names a `mediaId`.
 */
export function outgoingMessageProblems(m: MessageContent): Array<{ path: string; message: string }> {
  const kind = m.kind ?? (m.mediaId ? undefined : 'text');
  const out: Array<{ path: string; message: string }> = [];
  if (kind === 'text' && !m.text?.trim()) out.push({ path: 'text', message: 'A text message needs text' });
  if (kind && (MEDIA_MESSAGE_KINDS as readonly string[]).includes(kind) && !m.mediaId) out.push({ path: 'mediaId', message: 'A media message needs a mediaId' });
  if (kind === 'location' && !m.location) out.push({ path: 'location', message: 'A location message needs a location' });
  if (kind === 'contact' && !m.contact && !isVCard(m.text)) out.push({ path: 'contact', message: 'A contact message needs a contact (name and phone), or a vCard in text' });
  if (kind === 'poll' && !m.poll && !isPoll(m.text)) out.push({ path: 'poll', message: 'A poll needs a question and at least two options' });
  if (kind === 'event') {
    if (!m.text?.trim()) out.push({ path: 'text', message: 'An event needs a name (text)' });
    const [start, end] = [msOf(m.event?.startAt), msOf(m.event?.endAt)];
    if (start === undefined) out.push({ path: 'event', message: 'An event needs event.startAt (when it starts, ms)' });
    if (start !== undefined && end !== undefined && end <= start) out.push({ path: 'event.endAt', message: 'An event ends after it starts' });
  }
  if (kind === 'reaction' && !m.reaction?.targetId) out.push({ path: 'reaction', message: 'A reaction needs emoji and targetId' });
  return out;
}

/** A time as ms: the API's number, or the Date a stored message keeps. */
function msOf(v: unknown): number | undefined {
  const ms = v instanceof Date ? v.getTime() : v;
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
}

/** Whether a stored text is a poll: a question and at least two options. */
function isPoll(text: string | null | undefined): boolean {
  const { question, options } = pollParts(text);
  return !!question.trim() && options.filter(Boolean).length >= 2;
}

/** The most people one message may mention (a whole group). */
export const MAX_MENTIONS = 1024;

/** The digits a mention is written with after `@`: a phone number's, or a JID's user part. */
export function mentionUser(mention: string): string {
  return mention.split('@')[0]!.split(':')[0]!.replace(/[\s+\-()]/g, '');
}

/** Mentions the text (or caption) does not write as `@digits` (WhatsApp would show nothing for them). */
export function mentionProblems(m: { text?: string | null | undefined; caption?: string | null | undefined; mentions?: readonly string[] | undefined }): Array<{ path: string; message: string }> {
  const words = `${m.text ?? ''}\n${m.caption ?? ''}`;
  return (m.mentions ?? []).flatMap((mention, i) => {
    const user = mentionUser(mention);
    if (!/^\d{5,20}$/.test(user)) return [{ path: `mentions.${i}`, message: 'A mention is a phone number or a WhatsApp id' }];
    return writesMention(words, user) ? [] : [{ path: `mentions.${i}`, message: `The text does not mention @${user}` }];
  });
}
