import type { ClientToServerEvents, HubEvent, ServerToClientEvents } from '@switchboard/shared';
import type { Server, Socket } from 'socket.io';
import { SocketFeed } from './socketFeed.ts';
import { Subscriptions } from './subscriptions.ts';
import { toSocketEvents } from './toSocketEvents.ts';
import type { RealtimeUser, VerifiedToken } from './types.ts';

/** Per-socket state, kept in `socket.data`. */
export interface SocketData {
  token: VerifiedToken;
  user: RealtimeUser;
  subs: Subscriptions;
  feed: SocketFeed;
  expiryTimer?: NodeJS.Timeout;
}

/** Our typed Socket.IO server. */
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
/** Our typed server-side socket. */
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Builds the state of a freshly authenticated socket (its feed starts in replay mode). */
export function newSocketData(socket: RealtimeSocket, token: VerifiedToken, user: RealtimeUser): SocketData {
  const emit = (event: HubEvent): void => {
    for (const e of toSocketEvents(event)) (socket.emit as (name: string, payload: unknown) => void)(e.name, e.payload);
  };
  return { token, user, subs: new Subscriptions(), feed: new SocketFeed(emit) };
}

/** Moves the socket into exactly the rooms its subscriptions and permissions allow. */
export function syncRooms(socket: RealtimeSocket, sessionIds: Iterable<string>): string[] {
  const desired = socket.data.subs.rooms(socket.data.user, sessionIds);
  for (const room of socket.rooms) {
    if (room !== socket.id && !desired.has(room)) void socket.leave(room);
  }
  for (const room of desired) if (!socket.rooms.has(room)) void socket.join(room);
  return [...desired];
}
