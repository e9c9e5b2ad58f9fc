/**
 * Room names of the realtime layer. A socket is in:
 * - `session:<sessionId>` to receive session-level events (qr, connection-state, pairing-code,
 *   session-health) — requires `read Session`;
 * - `chats:<sessionId>` to receive the events of every chat of a session — requires `read Chat`
 *   for the whole session (admins, supervisors);
 * - `chat:<sessionId>:<chatId>` to receive the events of one chat (employees' assigned chats);
 * - `assignments:<sessionId>` to hear who is assigned to each chat of a session
 *   (`chat-assignees`) — requires reading every chat and every assignment of the session.
 */

/** Room for session-level events of one session. */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

/** Room for the events of every chat of one session. */
export const allChatsRoom = (sessionId: string): string => `chats:${sessionId}`;

/** Room for the events of one chat. */
export const chatRoom = (sessionId: string, chatId: string): string => `chat:${sessionId}:${chatId}`;

/** Room for the assignees of every chat of one session. */
export const assignmentsRoom = (sessionId: string): string => `assignments:${sessionId}`;

/** Room for users allowed to see who is online (`user-status`). */
export const USERS_ROOM = 'users';

/** Room for users allowed to read the team's labels (`labels-changed`). */
export const LABELS_ROOM = 'labels';

/** True when the room belongs to the given session (any kind). */
export function roomBelongsTo(room: string, sessionId: string): boolean {
  return room === sessionRoom(sessionId) || room === allChatsRoom(sessionId) || room === assignmentsRoom(sessionId) || room.startsWith(`chat:${sessionId}:`);
}
