/**
 * The message an answer or a change is sealed to (answers.ts): the secret it was sealed with, and
 * writing what the answer or change does to it.
 */
import type { ActorEvent } from '@switchboard/shared';
import { Message, type MessageDoc } from '@switchboard/shared/node';
import type { MediaSummaries } from '../media/mediaSummaries.ts';
import { refreshPreview } from './messageChanges.ts';
import { asBytes, decodeSent } from './sentContent.ts';
import { announceMessage } from './view.ts';

/** What writing a change needs from the actor. */
export interface WriteDeps {
  sessionId: string;
  media: MediaSummaries;
  emit(event: ActorEvent): void;
}

/** The answered message's secret: stored with it, or, for a poll this session sent, in the content WhatsApp acked. */
export function secretOf(target: MessageDoc): Uint8Array | undefined {
  const stored = target.messageSecret ?? target.pollSecret;
  if (stored) return asBytes(stored as Uint8Array | { buffer: Uint8Array });
  const sent = target.fromMe ? decodeSent(target.sentProto)?.messageContextInfo?.messageSecret : undefined;
  return sent?.length ? sent : undefined;
}

/** Writes a sealed change to its message (fields set to undefined are removed), then moves the chat's preview when asked and announces the message. */
export async function writeChange(target: MessageDoc, update: Record<string, unknown>, movesPreview: boolean, deps: WriteDeps): Promise<void> {
  const $set = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined));
  const $unset = Object.fromEntries(Object.entries(update).filter(([, v]) => v === undefined).map(([k]) => [k, 1]));
  const doc = await Message.findOneAndUpdate({ _id: target._id }, { $set, ...(Object.keys($unset).length ? { $unset } : {}) }, { returnDocument: 'after' }).lean<MessageDoc>();
  if (!doc) return;
  if (movesPreview) await refreshPreview(doc, deps.sessionId);
  await announceMessage(doc, deps);
}
