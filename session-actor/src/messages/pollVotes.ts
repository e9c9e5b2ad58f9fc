/**
 * Votes in polls (answers.ts): a `pollUpdateMessage` naming the poll, its choice (the SHA-256 of
 * each option picked) sealed with the poll's secret. It changes the poll's `pollVotes`: one entry
 * per voter, their latest; none picked takes the vote back.
 */
import { createHash } from 'node:crypto';
import { decryptPollVote } from '@whiskeysockets/baileys';
import { pollParts } from '@switchboard/shared';
import type { PollVoteDoc } from '@switchboard/shared/node';
import type { AnswerKind } from './answers.ts';

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

export const pollAnswers: AnswerKind<Uint8Array[]> = {
  target: 'poll',
  read(content) {
    const update = content.pollUpdateMessage;
    if (!update) return null;
    const { encPayload, encIv } = update.vote ?? {};
    return {
      targetId: update.pollCreationMessageKey?.id ?? '',
      ...(encPayload?.length && encIv?.length ? { sealed: { encPayload, encIv } } : {}),
      ...(Number(update.senderTimestampMs ?? 0) > 0 ? { sentAtMs: Number(update.senderTimestampMs) } : {}),
    };
  },
  open: (sealed, { creatorJid, answererJid, targetId, secret }) => decryptPollVote(sealed, { pollCreatorJid: creatorJid, pollMsgId: targetId, pollEncKey: secret, voterJid: answererJid }).selectedOptions ?? [],
  change(poll, selected, voter, at) {
    const votes = withVote(poll.pollVotes ?? [], { voter, options: pickedOptions(poll.text, selected), at });
    return votes ? { pollVotes: votes } : null;
  },
};
