/**
 * Votes in polls. A vote is a `pollUpdateMessage` naming the poll, its choice encrypted with the
 * poll's `messageSecret` (kept with the poll when it was stored: `pollSecret`), the poll's
 * creator and the voter; Baileys 7 leaves decrypting it to the app (`decryptPollVote`). A vote is
 * never stored as a message of its own: it changes the poll's `pollVotes` (one entry per voter,
 * their latest; none picked takes the vote back), and the poll is announced again as a `message`
 * event, so the inbox shows the counts live.
 *
 * WhatsApp encrypts with the ids the poll's creator and the voter had in that chat, a phone
 * number or a LID; the ids we know of each are tried until one pair opens the vote (AES-GCM says
 * so). A vote for a poll we never stored, or that none of them opens, is dropped: it would mean
 * nothing to anyone reading the chat. Votes are applied one at a time per poll, and a vote older
 * than the voter's stored one (a replay) changes nothing.
 */
import { createHash } from 'node:crypto';
import { decryptPollVote, jidNormalizedUser, normalizeMessageContent, type WAMessage, type WASocket } from '@whiskeysockets/baileys';
import { pollParts, type ActorEvent } from '@switchboard/shared';
import { Message, messageObjectId, type MessageDoc, type PollVoteDoc } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import type { MediaSummaries } from '../media/mediaSummaries.ts';
import { chatIdentityFor, lidForPn, ownAccountIds, pnForLid, senderOf, type ChatIdentity, type KeyLike } from './jid.ts';
import { asBytes, decodeSent } from './sentContent.ts';
import { announceMessage } from './view.ts';

/** A vote read from a message (`vote` absent when it carries none we can read). */
export interface PollVote {
  type: 'vote';
  msg: WAMessage;
  targetId: string;
  vote?: { encPayload: Uint8Array; encIv: Uint8Array };
}

/** The vote a message carries, or null for any other message. */
export function voteOf(msg: WAMessage): PollVote | null {
  const update = normalizeMessageContent(msg.message)?.pollUpdateMessage;
  if (!update) return null;
  const targetId = update.pollCreationMessageKey?.id ?? '';
  const { encPayload, encIv } = update.vote ?? {};
  return { type: 'vote', msg, targetId, ...(encPayload?.length && encIv?.length ? { vote: { encPayload, encIv } } : {}) };
}

/** What applying a vote needs from the actor. */
export interface VoteDeps {
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

/** The ids a voter may have voted under: the key's (both forms WhatsApp gave), or the account's for our own. */
async function voterIds(key: KeyLike & { fromMe?: boolean | null }, identity: ChatIdentity, sock: WASocket | null): Promise<string[]> {
  if (key.fromMe) return ownAccountIds(sock);
  const given = identity.isGroup ? [key.participant, key.participantAlt] : [key.remoteJid, key.remoteJidAlt, identity.pnJid, identity.lid];
  const ids = unique(given);
  return unique([...ids, ...(ids.length === 1 ? await withOtherForm(sock, ids[0]) : [])]);
}

/** The ids the poll's creator may have created it under. */
async function creatorIds(poll: MessageDoc, sock: WASocket | null): Promise<string[]> {
  if (poll.fromMe) return ownAccountIds(sock);
  return withOtherForm(sock, poll.chatId.endsWith('@g.us') ? poll.sender : poll.chatId);
}

/** The options picked, by name: each selected option is the SHA-256 of its name. */
export function pickedOptions(pollText: string | null | undefined, selected: readonly Uint8Array[]): string[] {
  const names = pollParts(pollText).options;
  const byHash = new Map(names.map((name) => [createHash('sha256').update(name).digest('hex'), name]));
  return selected.map((h) => byHash.get(Buffer.from(h).toString('hex'))).filter((n): n is string => n !== undefined);
}

/**
 * The poll's votes with one voter's new one: it replaces their earlier vote unless it is older;
 * null when nothing changes.
 */
export function withVote(votes: readonly PollVoteDoc[], vote: PollVoteDoc): PollVoteDoc[] | null {
  const before = votes.find((v) => v.voter === vote.voter);
  if (before && (before.at.getTime() > vote.at.getTime() || (before.at.getTime() === vote.at.getTime() && before.options.join('\n') === vote.options.join('\n')))) return null;
  if (!before && vote.options.length === 0) return null;
  return [...votes.filter((v) => v.voter !== vote.voter), vote];
}

/** The secret of a poll this session sent, from the content WhatsApp acked (BSON binary when read back). */
function secretOfSent(poll: MessageDoc): Uint8Array | undefined {
  const secret = poll.fromMe ? decodeSent(poll.sentProto)?.messageContextInfo?.messageSecret : undefined;
  return secret?.length ? secret : undefined;
}

/** Votes being applied, per poll: the next waits for the one before. */
const inFlight = new Map<string, Promise<void>>();

/** Applies a vote to its poll and announces the poll (nothing when it cannot be read or changes nothing). */
export function applyVote(vote: PollVote, deps: VoteDeps): Promise<void> {
  const key = `${deps.sessionId}\n${vote.targetId}`;
  const run = (inFlight.get(key) ?? Promise.resolve()).then(() => applyOne(vote, deps));
  const settled = run.catch(() => undefined);
  inFlight.set(key, settled);
  void settled.then(() => inFlight.get(key) === settled && inFlight.delete(key));
  return run;
}

async function applyOne({ msg, targetId, vote }: PollVote, deps: VoteDeps): Promise<void> {
  const sock = deps.sock();
  const identity = msg.key.remoteJid ? await chatIdentityFor(msg.key, sock) : null;
  if (!identity || !targetId || !vote) return;
  const poll = await Message.findOne({ _id: messageObjectId(deps.sessionId, targetId), chatId: identity.chatId, kind: 'poll' }).lean<MessageDoc>();
  // Ours: the secret Baileys gave it is in the content WhatsApp acked (sentProto).
  const secret = poll && !poll.revokedAt ? (poll.pollSecret ? asBytes(poll.pollSecret as Uint8Array | { buffer: Uint8Array }) : secretOfSent(poll)) : undefined;
  if (!poll || !secret) {
    deps.logger.debug({ messageId: targetId }, 'vote for a poll not stored here: ignored');
    return;
  }
  const voters = await voterIds(msg.key, identity, sock);
  const creators = await creatorIds(poll, sock);
  let selected: Uint8Array[] | null = null;
  for (const pollCreatorJid of creators) {
    for (const voterJid of voters) {
      try {
        selected = decryptPollVote(vote, { pollCreatorJid, pollMsgId: targetId, pollEncKey: secret, voterJid }).selectedOptions ?? [];
        break;
      } catch {
        // Not this pair of ids: GCM refused it.
      }
    }
    if (selected) break;
  }
  if (!selected) {
    deps.logger.warn({ messageId: targetId }, 'poll vote could not be decrypted: ignored');
    return;
  }
  const voter = msg.key.fromMe ? (ownAccountIds(sock)[0] ?? 'me') : (senderOf(msg.key, identity) ?? voters[0] ?? 'unknown');
  const ms = Number(normalizeMessageContent(msg.message)?.pollUpdateMessage?.senderTimestampMs ?? 0) || Number(msg.messageTimestamp ?? 0) * 1000 || Date.now();
  const votes = withVote(poll.pollVotes ?? [], { voter, options: pickedOptions(poll.text, selected), at: new Date(ms) });
  if (!votes) return;
  const doc = await Message.findOneAndUpdate({ _id: poll._id }, { $set: { pollVotes: votes } }, { returnDocument: 'after' }).lean<MessageDoc>();
  if (doc) await announceMessage(doc, deps);
}
