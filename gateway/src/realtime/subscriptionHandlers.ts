import type { SubscriptionAck, SubscriptionTarget } from '@switchboard/shared';
import { canSeeChat, roomsForSession } from './access.ts';
import { syncRooms, type RealtimeSocket } from './clientState.ts';
import type { EventRouter } from './eventRouter.ts';
import { roomBelongsTo } from './rooms.ts';

/** Validates a subscribe/unsubscribe payload. */
function parseTarget(raw: unknown): SubscriptionTarget | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { sessionId, chatId } = raw as Record<string, unknown>;
  if (typeof sessionId !== 'string' || sessionId.length === 0 || sessionId.length > 200) return undefined;
  if (chatId === undefined) return { sessionId };
  if (typeof chatId !== 'string' || chatId.length === 0 || chatId.length > 300) return undefined;
  return { sessionId, chatId };
}

const badRequest: SubscriptionAck = {
  ok: false,
  error: { code: 'bad_request', message: 'Expected { sessionId: string, chatId?: string }' },
};
const forbidden: SubscriptionAck = {
  ok: false,
  error: { code: 'forbidden', message: 'You may not follow that session or chat' },
};

/** Rooms of the session the socket ended up in (what the ack reports). */
function roomsOfSession(socket: RealtimeSocket, sessionId: string, rooms: string[]): string[] {
  return rooms.filter((room) => roomBelongsTo(room, sessionId));
}

/** Registers `subscribe` / `unsubscribe`: each checked with the user's ability, each acknowledged. */
export function registerSubscriptionHandlers(socket: RealtimeSocket, router: EventRouter): void {
  socket.on('subscribe', (raw, ack) => {
    if (typeof ack !== 'function') return;
    const target = parseTarget(raw);
    if (!target) return ack(badRequest);
    const { user, subs } = socket.data;
    if (target.chatId === undefined) {
      if (roomsForSession(user, target.sessionId).length === 0) return ack(forbidden);
      subs.subscribeSession(target.sessionId);
    } else {
      if (!canSeeChat(user, target.sessionId, target.chatId)) return ack(forbidden);
      subs.subscribeChat(target.sessionId, target.chatId);
    }
    ack({ ok: true, rooms: roomsOfSession(socket, target.sessionId, syncRooms(socket, router.sessions)) });
  });

  socket.on('unsubscribe', (raw, ack) => {
    if (typeof ack !== 'function') return;
    const target = parseTarget(raw);
    if (!target) return ack(badRequest);
    if (target.chatId === undefined) socket.data.subs.unsubscribeSession(target.sessionId);
    else socket.data.subs.unsubscribeChat(target.sessionId, target.chatId);
    ack({ ok: true, rooms: roomsOfSession(socket, target.sessionId, syncRooms(socket, router.sessions)) });
  });
}
