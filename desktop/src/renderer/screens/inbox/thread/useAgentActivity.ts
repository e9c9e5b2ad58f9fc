/**
 * Who else is in this chat: this console says it has the chat open (and when the agent is
 * writing a reply) over the socket, and hears the same from the other agents who may read the
 * chat, so two people do not answer the same customer. Reports repeat while the chat stays
 * open; an agent not heard from for a while is forgotten (a closed laptop never says "left").
 */
import type { AgentActivityState } from '@switchboard/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRealtime, useSocketEvent } from '../../../realtime/RealtimeProvider.tsx';

/** How often an open chat says so again. */
const HEARTBEAT_MS = 20_000;
/** An agent not heard from for this long has left. */
const STALE_MS = 50_000;

/** Another agent in the chat. */
export interface OtherAgent {
  id: string;
  name: string;
  state: Exclude<AgentActivityState, 'left'>;
}

/** The other agents in the chat, and `report(typing)` for this agent's writing state. */
export function useAgentActivity(sessionId: string, chatId: string, meId: string): { others: OtherAgent[]; report(typing: boolean): void } {
  const realtime = useRealtime();
  const [others, setOthers] = useState<ReadonlyMap<string, OtherAgent & { heardAt: number }>>(new Map());
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

  useSocketEvent('agent-activity', (e) => {
    if (e.sessionId !== sessionId || e.chatId !== chatId || e.user.id === meId) return;
    const known = others.has(e.user.id);
    setOthers((cur) => {
      const next = new Map(cur);
      if (e.state === 'left') next.delete(e.user.id);
      else next.set(e.user.id, { id: e.user.id, name: e.user.name, state: e.state, heardAt: Date.now() });
      return next;
    });
    // Someone just came in: tell them we are here too, without waiting for the heartbeat.
    if (!known && e.state !== 'left') send(current());
  });

  // Forget agents not heard from for a while.
  useEffect(() => {
    const timer = setInterval(() => {
      setOthers((cur) => {
        const now = Date.now();
        const fresh = [...cur].filter(([, a]) => now - a.heardAt < STALE_MS);
        return fresh.length === cur.size ? cur : new Map(fresh);
      });
    }, 10_000);
    return () => clearInterval(timer);
  }, []);

  return {
    others: [...others.values()].map(({ heardAt: _heardAt, ...a }) => a),
    report(isTyping) {
      if (typing.current === isTyping) return;
      typing.current = isTyping;
      send(current());
    },
  };
}
