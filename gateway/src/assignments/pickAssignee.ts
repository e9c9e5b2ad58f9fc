/**
 * Who gets a new conversation under a session's automatic distribution: the person with the
 * fewest of the session's chats waiting for a reply; among equals, whoever was given a chat of
 * the session longest ago (never beats any time); then the order the supervisor listed them in.
 */

/** One person who may take the chat, with their load in the session. */
export interface Candidate {
  userId: string;
  /** Their chats in the session whose customer waits for a reply. */
  waiting: number;
  /** When they were last given a chat of the session (ms), null if never. */
  lastAssignedAt: number | null;
}

/** The chosen person's id, or null with nobody to choose. */
export function pickAssignee(candidates: readonly Candidate[]): string | null {
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (!best || c.waiting < best.waiting || (c.waiting === best.waiting && (c.lastAssignedAt ?? -Infinity) < (best.lastAssignedAt ?? -Infinity))) best = c;
  }
  return best?.userId ?? null;
}
