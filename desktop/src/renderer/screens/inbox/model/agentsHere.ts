/**
 * Which other agents have which chats open, from their `agent-activity` reports: kept per chat
 * key, an agent dropped when they leave or are not heard from for a while (a closed laptop
 * never says "left"). A chat whose agents did not change keeps its array, so list rows that
 * show them re-render only when theirs changed.
 */
import type { AgentActivityEvent } from '@switchboard/shared';

/** Another agent in a chat. */
export interface AgentHere {
  id: string;
  name: string;
  state: 'viewing' | 'typing';
  /** When this console last heard from them (its own clock). */
  heardAt: number;
}

/** Agents by chat key. */
export type AgentsByChat = ReadonlyMap<string, readonly AgentHere[]>;

/** An agent not heard from for this long has left (they repeat themselves every 20 s). */
export const AGENT_STALE_MS = 50_000;

/** The map after one report about the chat `key`. */
export function applyActivity(cur: AgentsByChat, key: string, e: Pick<AgentActivityEvent, 'user' | 'state'>, now: number): AgentsByChat {
  const before = cur.get(key) ?? [];
  const others = before.filter((a) => a.id !== e.user.id);
  const after = e.state === 'left' ? others : [...others, { id: e.user.id, name: e.user.name, state: e.state, heardAt: now }].sort((a, b) => a.name.localeCompare(b.name));
  if (after.length === 0 && before.length === 0) return cur;
  const next = new Map(cur);
  if (after.length) next.set(key, after);
  else next.delete(key);
  return next;
}

/**
 * The map after agent `userId` sent a reply in the chat `key`: they are no longer writing one
 * (their own "viewing" report may still be on its way; the banner must not outlive the reply).
 */
export function afterReply(cur: AgentsByChat, key: string, userId: string): AgentsByChat {
  const before = cur.get(key);
  if (!before?.some((a) => a.id === userId && a.state === 'typing')) return cur;
  return new Map(cur).set(key, before.map((a) => (a.id === userId ? { ...a, state: 'viewing' as const } : a)));
}

/** The map without agents not heard from since `now - AGENT_STALE_MS` (the same map when none). */
export function pruneAgents(cur: AgentsByChat, now: number): AgentsByChat {
  let next: Map<string, readonly AgentHere[]> | null = null;
  for (const [key, agents] of cur) {
    const fresh = agents.filter((a) => now - a.heardAt < AGENT_STALE_MS);
    if (fresh.length === agents.length) continue;
    next ??= new Map(cur);
    if (fresh.length) next.set(key, fresh);
    else next.delete(key);
  }
  return next ?? cur;
}
