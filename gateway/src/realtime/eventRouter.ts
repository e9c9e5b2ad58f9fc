import type { HubEvent } from '@switchboard/shared';
import type { Logger } from 'pino';
import { canSeeEvent } from './access.ts';
import { syncRooms, type RealtimeServer, type RealtimeSocket } from './clientState.ts';
import type { ReadEvents } from './replay.ts';
import { allChatsRoom, chatRoom, sessionRoom } from './rooms.ts';
import { SessionSequencer } from './sessionSequencer.ts';
import { chatOf } from './toSocketEvents.ts';

/** Rooms whose members receive this event. */
export function roomsOf(event: HubEvent): string[] {
  const chatId = chatOf(event);
  return chatId === undefined
    ? [sessionRoom(event.sessionId)]
    : [allChatsRoom(event.sessionId), chatRoom(event.sessionId, chatId)];
}

/** True when this socket subscribed to the event (by room, not muted) and its user may see it. */
export function wants(socket: RealtimeSocket, event: HubEvent): boolean {
  if (!socket.data.feed) return false;
  if (!roomsOf(event).some((room) => socket.rooms.has(room))) return false;
  const chatId = chatOf(event);
  if (chatId !== undefined && socket.data.subs.isMuted(event.sessionId, chatId)) return false;
  return canSeeEvent(socket.data.user, event);
}

/**
 * Routes hub events to sockets. Each session's events first go through a SessionSequencer (in
 * seq order, once, gaps filled from the log), then rooms say who is subscribed; each candidate
 * socket's feed re-checks the permission and drops what the client already has (replay
 * overlap, several rooms matching). Sessions seen for the first time are joined by every socket
 * allowed to.
 */
export class EventRouter {
  /** Every session id the gateway knows (from the database and from live events). */
  readonly sessions = new Set<string>();
  private readonly sequencer: SessionSequencer;

  constructor(
    private readonly io: RealtimeServer,
    readEvents: ReadEvents,
    logger: Logger,
  ) {
    this.sequencer = new SessionSequencer(readEvents, (event) => this.toSockets(event), logger);
  }

  /** Adds sessions (e.g. the database listing) and re-syncs rooms when one is new. */
  learnSessions(sessionIds: Iterable<string>): void {
    let fresh = false;
    for (const sid of sessionIds) {
      if (!this.sessions.has(sid)) {
        this.sessions.add(sid);
        fresh = true;
      }
    }
    if (fresh) for (const socket of this.io.of('/').sockets.values()) syncRooms(socket, this.sessions);
  }

  /** Hub (and cluster relay) listener: every event of every session, in any order. */
  readonly route = (event: HubEvent): void => this.sequencer.push(event);

  /** Delivers one event to every socket that subscribed to it and may see it. */
  private toSockets(event: HubEvent): void {
    this.learnSessions([event.sessionId]);
    const adapterRooms = this.io.of('/').adapter.rooms;
    const targets = new Set<string>();
    for (const room of roomsOf(event)) for (const id of adapterRooms.get(room) ?? []) targets.add(id);
    for (const id of targets) {
      const socket = this.io.of('/').sockets.get(id);
      if (socket && wants(socket, event)) socket.data.feed.push(event);
    }
  }
}
