/**
 * Polls as WhatsApp clients make them: a poll carries a 32-byte `messageSecret` beside its content
 * (`messageContextInfo`), and a vote is a `pollUpdateMessage` whose choice (the SHA-256 of each
 * option's name, in a `PollVoteMessage`) is sealed with AES-256-GCM under a key derived from that
 * secret, the poll's id, its creator and the voter — the inverse of Baileys' `decryptPollVote`.
 * The simulator derives each poll's secret from its id, so any simulated contact can vote in a
 * poll it has seen without the simulator keeping them.
 */
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { proto } from '@whiskeysockets/baileys';
import type { ReceivedMessage } from './types.ts';

/** The secret of the poll with this id (the same wherever the simulator needs it). */
export function pollSecretOf(pollId: string): Buffer {
  return createHash('sha256').update(`wa-sim poll ${pollId}`).digest();
}

/**
 * The secret of the poll a contact votes in: the app's own (random) when the app sent the poll
 * to that contact, else the one derived from its id (a simulated contact made it).
 */
export function voteSecret(received: readonly ReceivedMessage[], pollId: string): Buffer {
  return received.find((m) => m.id === pollId)?.pollSecret ?? pollSecretOf(pollId);
}

/** What a vote needs: the poll, who created it and who votes (as that chat addresses them), and the choice by name. */
export interface VoteInput {
  pollId: string;
  /** The poll's `messageSecret`: the app's own (random) for a poll it sent, else `pollSecretOf(pollId)`. */
  secret: Buffer;
  /** The poll's chat as the voter sees it, and whether the voter created the poll. */
  remoteJid: string;
  fromMe: boolean;
  /** The poll's author in a group (its key's participant). */
  participant?: string;
  creatorJid: string;
  voterJid: string;
  options: string[];
}

/** The `pollUpdateMessage` of a vote. */
export function pollVoteMessage(v: VoteInput): proto.IMessage {
  const plain = proto.Message.PollVoteMessage.encode({ selectedOptions: v.options.map((o) => createHash('sha256').update(o).digest()) }).finish();
  const sign = Buffer.concat([Buffer.from(v.pollId), Buffer.from(v.creatorJid), Buffer.from(v.voterJid), Buffer.from('Poll Vote'), Buffer.from([1])]);
  const key0 = createHmac('sha256', Buffer.alloc(32)).update(v.secret).digest();
  const key = createHmac('sha256', key0).update(sign).digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`${v.pollId}\u0000${v.voterJid}`));
  const encPayload = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  const pollCreationMessageKey = { remoteJid: v.remoteJid, fromMe: v.fromMe, id: v.pollId, ...(v.participant ? { participant: v.participant } : {}) };
  return { pollUpdateMessage: { pollCreationMessageKey, vote: { encPayload, encIv: iv }, senderTimestampMs: Date.now() } };
}
