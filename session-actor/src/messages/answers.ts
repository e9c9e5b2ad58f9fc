/**
 * Answers sealed to a message: a vote in a poll (`pollUpdateMessage`) and an answer to an event
 * (`encEventResponseMessage`, *Asistiré* / *No asistiré* / *Quizá*); and its organiser's change to
 * an event (`secretEncryptedMessage`, eventEdits.ts). Each names the message it
 * answers, and carries its choice encrypted with that message's `messageSecret` (kept with the
 * message when it was stored), its creator's id and the answerer's; Baileys 7 leaves opening it to
 * the app (`decryptPollVote`, `decryptEventResponse`). An answer is never stored as a message of
 * its own: it changes the message it answers (one entry per person, their latest: pollVotes.ts,
 * eventResponses.ts), which is announced again as a `message` event, so the inbox shows it live.
 *
 * WhatsApp encrypts with the ids the creator and the answerer had in that chat, a phone number or
 * a LID; the ids we know of each are tried until one pair opens it (AES-GCM says so). An answer
 * to a message not stored yet, or to one of ours whose sent content is not recorded yet, waits
 * for it (parkedAnswers.ts); one that none of the ids opens is
 * dropped: it would mean nothing to anyone reading the chat. Answers are applied one at a time per message, and one older than the
 * person's stored answer (a replay) changes nothing.
 */
import { jidNormalizedUser, normalizeMessageContent, type WAMessage, type WASocket } from '@whiskeysockets/baileys';
import type { ActorEvent } from '@switchboard/shared';
import { Message, messageObjectId, type MessageDoc } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import type { MediaSummaries } from '../media/mediaSummaries.ts';
import { secretOf, writeChange } from './answeredMessage.ts';
import { eventEdits } from './eventEdits.ts';
import { eventAnswers } from './eventResponses.ts';
import { createKeyedQueue } from './keyedQueue.ts';
import { chatIdentityFor, lidForPn, ownAccountIds, pnForLid, senderOf, type ChatIdentity, type KeyLike } from './jid.ts';
import { parkAnswer } from './parkedAnswers.ts';
import { pollAnswers } from './pollVotes.ts';

/** The sealed part of an answer. */
export interface Sealed {
  encPayload: Uint8Array;
  encIv: Uint8Array;
}

/** What opening an answer needs besides the sealed part: the ids it was sealed under, the message's id and secret. */
export interface SealedWith {
  creatorJid: string;
  answererJid: string;
  targetId: string;
  secret: Uint8Array;
}

/** One kind of answer: the message kind it answers, how to find and open it, and what it changes. */
export interface AnswerKind<Opened> {
  /** The kind of the message it answers. */
  target: 'poll' | 'event';
  /** The answered message's id and the sealed part, or null when the message is not this kind of answer. */
  read(content: NonNullable<WAMessage['message']>): { targetId: string; sealed?: Sealed; sentAtMs?: number } | null;
  /** Opens the answer (throws when these ids do not: GCM refuses). */
  open(sealed: Sealed, ids: SealedWith): Opened;
  /** The fields it sets (undefined: removed), or null when it changes nothing; `at` is when it was given. */
  change(target: MessageDoc, opened: Opened, answerer: string, at: Date): Record<string, unknown> | null;
  /** Only the message's creator may send it (a change, not an answer): the same id must have sealed both. */
  authorOnly?: boolean;
  /** It changes what the chat list shows of the message. */
  movesPreview?: boolean;
}

/** An answer read from a message (`sealed` absent when it carries none we can read). */
export interface Answer {
  type: 'answer';
  msg: WAMessage;
  kind: AnswerKind<unknown>;
  targetId: string;
  sealed?: Sealed;
  sentAtMs?: number;
}

const KINDS: readonly AnswerKind<unknown>[] = [pollAnswers, eventAnswers, eventEdits] as AnswerKind<unknown>[];

/** The answer a message carries, or null for any other message. */
export function answerOf(msg: WAMessage): Answer | null {
  const content = normalizeMessageContent(msg.message);
  if (!content) return null;
  for (const kind of KINDS) {
    const read = kind.read(content);
    if (read) return { type: 'answer', msg, kind, ...read };
  }
  return null;
}

/** What applying an answer needs from the actor. */
export interface AnswerDeps {
  sessionId: string;
  logger: Logger;
  media: MediaSummaries;
  sock(): WASocket | null;
  emit(event: ActorEvent): void;
}

const unique = (ids: (string | null | undefined)[]): string[] => [...new Set(ids.filter((j): j is string => !!j).map(jidNormalizedUser).filter(Boolean))];

/** An id and the other form of it the socket's LID mapping knows (a phone number's LID, a LID's number). */
async function withOtherForm(sock: WASocket | null, jid: string | null | undefined): Promise<string[]> {
  if (!jid) return [];
  return unique([jid, (await lidForPn(sock, jid)) ?? (await pnForLid(sock, jid))]);
}

/** The ids an answerer may have answered under: the key's (both forms WhatsApp gave), or the account's for our own. */
async function answererIds(key: KeyLike & { fromMe?: boolean | null }, identity: ChatIdentity, sock: WASocket | null): Promise<string[]> {
  if (key.fromMe) return ownAccountIds(sock);
  const given = identity.isGroup ? [key.participant, key.participantAlt] : [key.remoteJid, key.remoteJidAlt, identity.pnJid, identity.lid];
  const ids = unique(given);
  return unique([...ids, ...(ids.length === 1 ? await withOtherForm(sock, ids[0]) : [])]);
}

/** The ids the message's creator may have created it under. */
async function creatorIds(target: MessageDoc, sock: WASocket | null): Promise<string[]> {
  if (target.fromMe) return ownAccountIds(sock);
  return withOtherForm(sock, target.chatId.endsWith('@g.us') ? target.sender : target.chatId);
}

/** Answers being applied, per message: the next waits for the one before. */
const perMessage = createKeyedQueue();

/** Applies an answer to its message and announces the message (nothing when it cannot be read or changes nothing). */
export function applyAnswer(answer: Answer, deps: AnswerDeps): Promise<void> {
  return inAnswerQueue(deps.sessionId, answer.targetId, () => applyAnswerNow(answer, deps));
}

/**
 * Runs a task in the queue of one message's answers. The waiting answers are applied there
 * (parkedAnswers.ts), so an answer that finds its message without a key and parks itself is never
 * parked after the drain that follows the key's write: the drain waits for it.
 */
export function inAnswerQueue<T>(sessionId: string, targetId: string, task: () => Promise<T>): Promise<T> {
  return perMessage(`${sessionId}\n${targetId}`, task);
}

/** Applies an answer at once: only inside its message's queue (inAnswerQueue). */
export async function applyAnswerNow({ msg, kind, targetId, sealed, sentAtMs }: Answer, deps: AnswerDeps): Promise<void> {
  const sock = deps.sock();
  const identity = msg.key.remoteJid ? await chatIdentityFor(msg.key, sock) : null;
  if (!identity || !targetId || !sealed) return;
  const target = await Message.findOne({ _id: messageObjectId(deps.sessionId, targetId), chatId: identity.chatId, kind: kind.target }).lean<MessageDoc>();
  const secret = target && !target.revokedAt ? secretOf(target) : undefined;
  if (!target) {
    // Its message may come later (parkedAnswers.ts).
    await parkAnswer({ msg, targetId }, deps.sessionId, deps.logger);
    return;
  }
  if (!secret) {
    // One of ours whose sent content (holding the key) is not recorded yet: the contact's receipt,
    // then their answer, can overtake the ack's write. It waits for it (sentRecorder.ts).
    if (target.fromMe && !target.sentProto && !target.revokedAt) return parkAnswer({ msg, targetId }, deps.sessionId, deps.logger);
    deps.logger.debug({ messageId: targetId, kind: kind.target }, 'answer to a message without its key: ignored');
    return;
  }
  const answerers = await answererIds(msg.key, identity, sock);
  let opened: { value: unknown } | null = null;
  for (const creatorJid of await creatorIds(target, sock)) {
    for (const answererJid of answerers) {
      if (kind.authorOnly && answererJid !== creatorJid) continue;
      try {
        opened = { value: kind.open(sealed, { creatorJid, answererJid, targetId, secret }) };
        break;
      } catch {
        // Not this pair of ids: GCM refused it.
      }
    }
    if (opened) break;
  }
  if (!opened) {
    deps.logger.warn({ messageId: targetId, kind: kind.target }, 'answer could not be decrypted: ignored');
    return;
  }
  const answerer = msg.key.fromMe ? (ownAccountIds(sock)[0] ?? 'me') : (senderOf(msg.key, identity) ?? answerers[0] ?? 'unknown');
  const at = new Date(sentAtMs || Number(msg.messageTimestamp ?? 0) * 1000 || Date.now());
  const update = kind.change(target, opened.value, answerer, at);
  if (update) await writeChange(target, update, !!kind.movesPreview, deps);
}
