import type { AgentActivityReport, AgentActivityState } from '@switchboard/shared';
import { canSeeChat } from './access.ts';
import type { RealtimeSocket } from './clientState.ts';
import { allChatsRoom, chatRoom } from './rooms.ts';

const STATES: ReadonlySet<string> = new Set<AgentActivityState>(['viewing', 'typing', 'left']);
/** Most reports one socket may make per window; more are dropped (a console sends one every few seconds). */
const BURST = 30;
const WINDOW_MS = 10_000;

/** Validates a report. */
function parseReport(raw: unknown): AgentActivityReport | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { sessionId, chatId, state } = raw as Record<string, unknown>;
  if (typeof sessionId !== 'string' || sessionId.length === 0 || sessionId.length > 200) return undefined;
  if (typeof chatId !== 'string' || chatId.length === 0 || chatId.length > 300) return undefined;
  if (typeof state !== 'string' || !STATES.has(state)) return undefined;
  return { sessionId, chatId, state: state as AgentActivityState };
}

/**
 * Relays what an agent does in a chat ("viewing", "typing", "left") to the other sockets that
 * may read that chat (every node's, through the adapter), so two agents do not answer the same
 * customer. A report about a chat the user may not read is dropped, as are reports past a
 * small rate; when the socket goes away the chat it had open hears "left".
 */
export function registerAgentActivity(socket: RealtimeSocket, now: () => number = Date.now): void {
  let window = { start: 0, count: 0 };
  let open: { sessionId: string; chatId: string } | null = null;
  const relay = (sessionId: string, chatId: string, state: AgentActivityState): void => {
    const { userId, name } = socket.data.user;
    socket.to([allChatsRoom(sessionId), chatRoom(sessionId, chatId)]).emit('agent-activity', { sessionId, chatId, state, user: { id: userId, name: name ?? '' }, at: now() });
  };

  socket.on('agent-activity', (raw) => {
    const report = parseReport(raw);
    if (!report) return;
    const at = now();
    if (at - window.start > WINDOW_MS) window = { start: at, count: 0 };
    if (++window.count > BURST) return;
    const { sessionId, chatId, state } = report;
    if (!canSeeChat(socket.data.user, sessionId, chatId)) return;
    // One open chat per socket: opening another leaves the first.
    if (open && (open.sessionId !== sessionId || open.chatId !== chatId)) relay(open.sessionId, open.chatId, 'left');
    open = state === 'left' ? null : { sessionId, chatId };
    relay(sessionId, chatId, state);
  });
  socket.on('disconnect', () => {
    if (open) relay(open.sessionId, open.chatId, 'left');
  });
}
