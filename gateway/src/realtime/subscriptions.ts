import { canSeeChat, roomsForSession, teamRooms } from './access.ts';
import { chatRoom } from './rooms.ts';
import type { RealtimeUser } from './types.ts';

const key = (sessionId: string, chatId: string): string => `${sessionId}\u0000${chatId}`;

/**
 * What one socket wants to receive. By default everything its user may see; `unsubscribe`
 * narrows (a whole session, or one chat), `subscribe` widens again. The rooms a socket sits in
 * are always `rooms(user, sessions)`: recomputed whenever the user's permissions, assignments
 * or the set of sessions change, so a lost permission removes the room at once.
 */
export class Subscriptions {
  private readonly optedOut = new Set<string>();
  private readonly muted = new Set<string>();
  private readonly explicit = new Map<string, { sessionId: string; chatId: string }>();
  private readonly explicitSessions = new Set<string>();

  /** Follow a whole session again (undoes earlier unsubscribes of it and of its chats). */
  subscribeSession(sessionId: string): void {
    this.optedOut.delete(sessionId);
    this.explicitSessions.add(sessionId);
    for (const k of [...this.muted]) if (k.startsWith(`${sessionId}\u0000`)) this.muted.delete(k);
  }

  /** Follow one chat (also when its session was unsubscribed). */
  subscribeChat(sessionId: string, chatId: string): void {
    this.muted.delete(key(sessionId, chatId));
    this.explicit.set(key(sessionId, chatId), { sessionId, chatId });
  }

  /** Stop following a session and all of its chats. */
  unsubscribeSession(sessionId: string): void {
    this.optedOut.add(sessionId);
    this.explicitSessions.delete(sessionId);
    for (const [k, t] of [...this.explicit]) if (t.sessionId === sessionId) this.explicit.delete(k);
  }

  /** Stop following one chat. */
  unsubscribeChat(sessionId: string, chatId: string): void {
    this.muted.add(key(sessionId, chatId));
    this.explicit.delete(key(sessionId, chatId));
  }

  /** True when the client muted this chat (events reaching it through `chats:<session>` are dropped). */
  isMuted(sessionId: string, chatId: string): boolean {
    return this.muted.has(key(sessionId, chatId));
  }

  /** The rooms this socket should be in, given its user and the known sessions. */
  rooms(user: RealtimeUser, sessionIds: Iterable<string>): Set<string> {
    const out = new Set<string>();
    const all = new Set(sessionIds);
    for (const a of user.assignments) all.add(a.sessionId);
    for (const sid of this.explicitSessions) all.add(sid);
    for (const sid of all) {
      if (this.optedOut.has(sid)) continue;
      for (const room of roomsForSession(user, sid)) {
        if (!this.muted.has(room.startsWith('chat:') ? key(sid, room.slice(`chat:${sid}:`.length)) : '')) out.add(room);
      }
    }
    for (const t of this.explicit.values()) {
      if (canSeeChat(user, t.sessionId, t.chatId)) out.add(chatRoom(t.sessionId, t.chatId));
    }
    for (const room of teamRooms(user)) out.add(room);
    return out;
  }
}
