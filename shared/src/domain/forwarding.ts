/**
 * What a forward may copy (POST …/messages/:messageId/forward): the gateway refuses with these
 * codes, and the inbox offers *Reenviar* only where none applies.
 */
import { MEDIA_MESSAGE_KINDS } from './outgoingContent.ts';

/** Most chats one forward reaches (WhatsApp's own limit for a forward). */
export const MAX_FORWARD_TARGETS = 5;

const FORWARDABLE_KINDS: readonly string[] = ['text', 'location', 'contact', ...MEDIA_MESSAGE_KINDS];

/** Why a stored message cannot be forwarded (the API's 409 code), or null when it can. */
export function forwardProblem(m: { kind: string; mediaId?: unknown; revokedAt?: unknown }): 'message_deleted' | 'not_forwardable' | 'media_unavailable' | null {
  if (m.revokedAt !== undefined && m.revokedAt !== null) return 'message_deleted';
  if (!FORWARDABLE_KINDS.includes(m.kind)) return 'not_forwardable';
  if ((MEDIA_MESSAGE_KINDS as readonly string[]).includes(m.kind) && !m.mediaId) return 'media_unavailable';
  return null;
}
