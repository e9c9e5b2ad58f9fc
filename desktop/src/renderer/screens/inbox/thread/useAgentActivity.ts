/**
 * This agent's side of "who else is in this chat": the console says it has the chat open (and
 * when its agent is writing a reply) over the socket, repeats it while the chat stays open, and
 * answers a newcomer at once; the other agents' reports are kept by the inbox
 * (model/agentsHere.ts), so the list shows them too.
 */
import type { AgentActivityState } from '@switchboard/shared';
import { useCallback, useEffect, useRef } from 'react';
import { useRealtime } from '../../../realtime/RealtimeProvider.tsx';
import { useInbox } from '../InboxProvider.tsx';
import type { AgentHere } from '../model/agentsHere.ts';
import { chatKey } from '../model/keys.ts';

/** How often an open chat says so again. */
const HEARTBEAT_MS = 20_000;

const NOBODY: readonly AgentHere[] = [];

/** The other agents in the chat, and `report(typing)` for this agent's writing state. */
export function useAgentActivity(sessionId: string, chatId: string): { others: readonly AgentHere[]; report(typing: boolean): void } {
  const realtime = useRealtime();
  const others = useInbox().agentsByChat.get(chatKey(sessionId, chatId)) ?? NOBODY;
  const typing = useRef(false);
  // The realtime value changes with every event; the socket behind it does not.
  const socketOf = useRef(realtime.socket);
  socketOf.current = realtime.socket;
  const send = useCallback(
    (state: AgentActivityState) => void socketOf.current()?.emit('agent-activity', { sessionId, chatId, state }),
    [sessionId, chatId],
  );
  const current = (): AgentActivityState => (typing.current ? 'typing' : 'viewing');

  // Open: say so when live (again, after a reconnect) and then now and then; closed: "left".
  useEffect(() => {
    if (realtime.state !== 'live') return;
    send(current());
    const timer = setInterval(() => send(current()), HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [realtime.state, send]);
  useEffect(() => () => void send('left'), [send]);

  // Someone just came in: tell them we are here too, without waiting for the heartbeat.
  const seen = useRef(new Set<string>());
  useEffect(() => {
    const ids = new Set(others.map((a) => a.id));
    if ([...ids].some((id) => !seen.current.has(id))) send(current());
    seen.current = ids;
  }, [others]);

  return {
    others,
    report(isTyping) {
      if (typing.current === isTyping) return;
      typing.current = isTyping;
      send(current());
    },
  };
}
