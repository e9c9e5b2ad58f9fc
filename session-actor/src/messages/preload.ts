import { isJidGroup, isJidStatusBroadcast, isLidUser, isPnUser, jidNormalizedUser, type Chat as WAChat } from '@whiskeysockets/baileys';
import type { ActorInitConfig } from '@switchboard/shared';
import type { ChatStore } from './chats.ts';
import type { ChatIdentity } from './jid.ts';

type PreloadSpec = ActorInitConfig['preloadChats'];

/** A chat offered by WhatsApp (chats.upsert / messaging-history.set), reduced to what we keep. */
export interface PreloadCandidate {
  identity: ChatIdentity;
  name?: string;
  unreadCount: number;
  lastMessageAt?: Date;
}

function identityOf(c: WAChat): ChatIdentity | null {
  const id = c.id ? jidNormalizedUser(c.id) : '';
  if (!id || isJidStatusBroadcast(id)) return null;
  if (isJidGroup(id)) return { chatId: id, isGroup: true };
  if (!isPnUser(id) && !isLidUser(id)) return null;
  const alt = [c.pnJid, c.lidJid].filter((j): j is string => !!j).map(jidNormalizedUser);
  const pnJid = [id, ...alt].find((j) => isPnUser(j));
  const lid = [id, ...alt].find((j) => isLidUser(j));
  return { chatId: pnJid ?? id, isGroup: false, ...(pnJid ? { pnJid } : {}), ...(lid ? { lid } : {}) };
}

/**
 * Picks the chats to preload (PRELOAD_CHATS_TYPE: individual | group | all, at most
 * PRELOAD_CHATS_LIMIT), most recent first. `already` is how many this actor stored before.
 */
export function selectPreload(chats: WAChat[], spec: PreloadSpec, already: number): PreloadCandidate[] {
  const room = Math.max(0, spec.limit - already);
  if (room === 0) return [];
  const out: PreloadCandidate[] = [];
  for (const c of chats) {
    const identity = identityOf(c);
    if (!identity) continue;
    if (spec.type === 'individual' && identity.isGroup) continue;
    if (spec.type === 'group' && !identity.isGroup) continue;
    const ts = Number(c.conversationTimestamp ?? c.lastMessageRecvTimestamp ?? 0);
    out.push({
      identity,
      unreadCount: Number(c.unreadCount ?? 0),
      ...(c.name ? { name: c.name } : {}),
      ...(ts > 0 ? { lastMessageAt: new Date(ts * 1000) } : {}),
    });
  }
  out.sort((a, b) => (b.lastMessageAt?.getTime() ?? 0) - (a.lastMessageAt?.getTime() ?? 0));
  return out.slice(0, room);
}

/** Stores the selected chats; returns how many were stored. */
export async function preloadChats(store: ChatStore, chats: WAChat[], spec: PreloadSpec, already: number): Promise<number> {
  const picked = selectPreload(chats, spec, already);
  for (const c of picked) {
    await store.upsert(c.identity, { ...(c.name ? { name: c.name } : {}), ...(c.lastMessageAt ? { lastMessageAt: c.lastMessageAt } : {}) });
  }
  return picked.length;
}
