import type { RealtimeServer, RealtimeSocket } from './clientState.ts';
import { USERS_ROOM } from './rooms.ts';

/**
 * Tracks which console users are online (at least one connected socket) and announces changes
 * as the seed's `user-status` event to the `users` room (users allowed to read users).
 */
export class UserPresence {
  private readonly online = new Map<string, { count: number; name?: string }>();

  constructor(
    private readonly io: RealtimeServer,
    private readonly now: () => number = Date.now,
  ) {}

  /** A socket of the user connected; tells the newcomer who is online if it may know. */
  connected(socket: RealtimeSocket): void {
    const { userId, name } = socket.data.user;
    const entry = this.online.get(userId) ?? { count: 0, ...(name ? { name } : {}) };
    entry.count += 1;
    this.online.set(userId, entry);
    if (entry.count === 1) this.announce(userId, entry.name, true);
    if (socket.rooms.has(USERS_ROOM)) {
      for (const [id, e] of this.online) {
        if (id !== userId) socket.emit('user-status', { userId: id, ...(e.name ? { name: e.name } : {}), online: true, at: this.now() });
      }
    }
  }

  /** A socket of the user disconnected; the user goes offline with the last one. */
  disconnected(socket: RealtimeSocket): void {
    const { userId } = socket.data.user;
    const entry = this.online.get(userId);
    if (!entry) return;
    entry.count -= 1;
    if (entry.count > 0) return;
    this.online.delete(userId);
    this.announce(userId, entry.name, false);
  }

  /** Ids of users with at least one connected socket. */
  onlineUserIds(): string[] {
    return [...this.online.keys()];
  }

  private announce(userId: string, name: string | undefined, online: boolean): void {
    this.io.to(USERS_ROOM).emit('user-status', { userId, ...(name ? { name } : {}), online, at: this.now() });
  }
}
