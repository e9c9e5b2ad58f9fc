import { subject } from '@casl/ability';
import type { HubEvent } from '@switchboard/shared';
import { allChatsRoom, assignmentsRoom, chatRoom, LABELS_ROOM, sessionRoom, USERS_ROOM } from './rooms.ts';
import { chatOf } from './toSocketEvents.ts';
import type { RealtimeUser } from './types.ts';

/**
 * Permission checks of the realtime layer, on the same CASL ability as REST. Subjects carry
 * both `jid` (Chat documents) and `chatId` (Message/Media/Assignment documents) so rules written
 * against either field apply.
 */

/** May the user see session-level events (qr, connection state, health) of this session? */
export function canSeeSession(user: RealtimeUser, sessionId: string): boolean {
  return user.ability.can('read', subject('Session', { sessionId }));
}

/** May the user see every chat of this session? */
export function canSeeAllChats(user: RealtimeUser, sessionId: string): boolean {
  return user.ability.can('read', subject('Chat', { sessionId }));
}

/** May the user see who is assigned to every chat of this session (every assignment of it)? */
export function canSeeAllAssignments(user: RealtimeUser, sessionId: string): boolean {
  return user.ability.can('read', subject('Assignment', { sessionId }));
}

/** May the user see this chat? */
export function canSeeChat(user: RealtimeUser, sessionId: string, chatId: string): boolean {
  if (canSeeAllChats(user, sessionId)) return true;
  return user.ability.can('read', subject('Chat', { sessionId, jid: chatId, chatId }));
}

/** May the user pair this session (see its QR and pairing codes)? Operators only. */
export function canPairSession(user: RealtimeUser, sessionId: string): boolean {
  return user.ability.can('update', subject('Session', { sessionId }));
}

/** May the user see this hub event? */
export function canSeeEvent(user: RealtimeUser, event: HubEvent): boolean {
  if (event.type === 'qr' || event.type === 'pairing-code') return canPairSession(user, event.sessionId);
  const chatId = chatOf(event);
  return chatId === undefined ? canSeeSession(user, event.sessionId) : canSeeChat(user, event.sessionId, chatId);
}

/** May the user see other users' online status? */
export function canSeeUsers(user: RealtimeUser): boolean {
  return user.ability.can('read', 'User');
}

/** May the user read the team's labels (and so hear that they changed)? */
export function canSeeLabels(user: RealtimeUser): boolean {
  return user.ability.can('read', 'Label');
}

/** The rooms that belong to no session: who is online, the team's labels. */
export function teamRooms(user: RealtimeUser): string[] {
  return [...(canSeeUsers(user) ? [USERS_ROOM] : []), ...(canSeeLabels(user) ? [LABELS_ROOM] : [])];
}

/** Every room of one session the user may join (session-level, all chats, assigned chats). */
export function roomsForSession(user: RealtimeUser, sessionId: string): string[] {
  const rooms: string[] = [];
  if (canSeeSession(user, sessionId)) rooms.push(sessionRoom(sessionId));
  if (canSeeAllChats(user, sessionId)) return [...rooms, allChatsRoom(sessionId), ...(canSeeAllAssignments(user, sessionId) ? [assignmentsRoom(sessionId)] : [])];
  for (const a of user.assignments) {
    if (a.sessionId === sessionId && canSeeChat(user, sessionId, a.chatId)) rooms.push(chatRoom(sessionId, a.chatId));
  }
  return rooms;
}

/** Sessions a user has something to see in, among `sessionIds` plus their assignments. */
export function visibleSessions(user: RealtimeUser, sessionIds: Iterable<string>): string[] {
  const all = new Set<string>(sessionIds);
  for (const a of user.assignments) all.add(a.sessionId);
  return [...all].filter((sid) => roomsForSession(user, sid).length > 0);
}

/** Rooms a socket of this user joins on connect. */
export function initialRooms(user: RealtimeUser, sessionIds: Iterable<string>): string[] {
  const rooms = visibleSessions(user, sessionIds).flatMap((sid) => roomsForSession(user, sid));
  return [...rooms, ...teamRooms(user)];
}
