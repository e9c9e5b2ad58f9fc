/**
 * One Socket.IO connection per signed-in user, shared by every screen. It keeps the highest
 * `seq` seen per session and sends it as `auth.lastSeq` on every (re)connection, so the gateway
 * replays what was missed before going live: screens subscribe to events with
 * `useSocketEvent(name, handler)` and never refetch "to be sure". The connection state and the
 * time of the last sync feed the "synced up to" marker.
 */
import { SeqTracker, type ClientToServerEvents, type ServerToClientEvents, type SessionView } from '@switchboard/shared';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { useAuth } from '../auth/AuthProvider.tsx';
import { EventBus } from './eventBus.ts';

/** Where the live connection stands. */
export type LinkState = 'connecting' | 'replaying' | 'live' | 'offline';

/** What `useRealtime()` gives. */
export interface Realtime {
  state: LinkState;
  /** ms since epoch of the last moment the client was known to be in sync (replay done, or a live event). */
  syncedAt: number | null;
  bus: EventBus;
  /** Seeds the replay baseline of sessions the client has not heard from yet (from a session list). */
  seed(sessions: readonly { sessionId: string; eventSeq?: number }[]): void;
  /** The sessions the user can see (first 200), loaded once for every screen that names them. */
  sessions: SessionView[];
  reloadSessions(): void;
  /** The socket, for acks (subscribe/unsubscribe). */
  socket(): Socket<ServerToClientEvents, ClientToServerEvents> | null;
  /** Users online now, for those who may read users (`user-status`: a snapshot on connect, then changes). */
  online: ReadonlySet<string>;
}

const RealtimeContext = createContext<Realtime | null>(null);

/** Every server event the bus relays. */
const EVENTS = [
  'qr',
  'pairing-code',
  'connection-state',
  'connected',
  'message',
  'message-sent',
  'message-status',
  'member-receipt',
  'chat-update',
  'presence',
  'session-health',
  'user-status',
  'access-changed',
  'chat-note',
  'chat-note-deleted',
  'chat-labels',
  'chat-snooze',
  'chat-pin',
  'chat-name',
  'chat-opt-out',
  'scheduled-message',
  'chat-scheduled',
  'message-star',
  'agent-activity',
  'labels-changed',
  'chat-assignees',
] as const;

/** Provides the realtime connection (mount it inside the signed-in area). */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const [online, setOnline] = useState<ReadonlySet<string>>(new Set());
  const [state, setState] = useState<LinkState>('connecting');
  const [syncedAt, setSyncedAt] = useState<number | null>(null);
  const bus = useMemo(() => new EventBus(), []);
  const tracker = useRef(new SeqTracker());
  const socketRef = useRef<Socket<ServerToClientEvents, ClientToServerEvents> | null>(null);
  const { api, platform, token } = auth;

  useEffect(() => {
    let closed = false;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(platform.serverUrl || undefined, {
      auth: (cb) => cb({ token: token() ?? '', lastSeq: tracker.current.lastSeq() }),
      transports: ['websocket', 'polling'],
      reconnectionDelayMax: 10_000,
    });
    socketRef.current = socket;
    socket.on('connect', () => setState('replaying'));
    socket.on('user-status', (e) =>
      setOnline((cur) => {
        if (cur.has(e.userId) === e.online) return cur;
        const next = new Set(cur);
        if (e.online) next.add(e.userId);
        else next.delete(e.userId);
        return next;
      }),
    );
    let retry: ReturnType<typeof setTimeout> | undefined;
    socket.on('disconnect', (reason) => {
      if (closed) return;
      setState('offline');
      // The server sends who is online again on the next connect.
      setOnline(new Set());
      // Socket.IO does not reconnect by itself when the server closed the socket (a restart, a
      // revoked token): try again shortly; a token that is no longer valid fails the handshake.
      if (reason === 'io server disconnect') retry = setTimeout(() => socket.connect(), 1000 + Math.random() * 2000);
    });
    socket.on('connect_error', (err) => {
      const code = (err as Error & { data?: { code?: string } }).data?.code;
      if (code === 'token_expired' || code === 'token_revoked' || code === 'invalid_token') {
        void auth.refresh().catch(() => undefined);
      }
      setState('offline');
    });
    socket.on('auth-error', () => void auth.refresh().catch(() => undefined));
    socket.on('replay-done', (e) => {
      tracker.current.reset(e.lastSeq);
      setState('live');
      setSyncedAt(Date.now());
      bus.emit('replay-done', e);
    });
    for (const name of EVENTS) {
      socket.on(name, ((e: { sessionId?: string; seq?: number }) => {
        // Sequenced events: drop what was already seen (a replay overlapping live delivery).
        if (typeof e?.seq === 'number' && typeof e.sessionId === 'string' && !tracker.current.observe({ sessionId: e.sessionId, seq: e.seq })) return;
        if (typeof e?.seq === 'number') setSyncedAt(Date.now());
        bus.emit(name, e);
      }) as never);
    }
    return () => {
      closed = true;
      clearTimeout(retry);
      socket.removeAllListeners();
      socket.close();
      socketRef.current = null;
    };
    // One connection per signed-in user: the auth callback reads the current token at each reconnect.
  }, [platform, bus]);

  // Baselines for every session the user can see, so a reconnect replays even a session that was quiet.
  const [sessions, setSessions] = useState<SessionView[]>([]);
  const [sessionsTick, setSessionsTick] = useState(0);
  useEffect(() => {
    let cancelled = false;
    void api
      .get<{ data: SessionView[] }>('/api/sessions', { limit: 200 })
      .then((page) => {
        if (cancelled) return;
        seedTracker(tracker.current, page.data);
        setSessions(page.data);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [api, sessionsTick]);

  const value = useMemo<Realtime>(
    () => ({
      state,
      syncedAt,
      bus,
      seed: (list) => seedTracker(tracker.current, list),
      sessions,
      reloadSessions: () => setSessionsTick((n) => n + 1),
      socket: () => socketRef.current,
      online,
    }),
    [state, syncedAt, bus, sessions, online],
  );
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

/** Adds a baseline for sessions without one (never moves an existing one). */
function seedTracker(tracker: SeqTracker, sessions: readonly { sessionId: string; eventSeq?: number }[]): void {
  const known = tracker.lastSeq();
  const add: Record<string, number> = {};
  for (const s of sessions) if (known[s.sessionId] === undefined && typeof s.eventSeq === 'number') add[s.sessionId] = s.eventSeq;
  if (Object.keys(add).length > 0) tracker.reset(add);
}

/** The realtime connection. */
export function useRealtime(): Realtime {
  const v = useContext(RealtimeContext);
  if (!v) throw new Error('useRealtime outside RealtimeProvider');
  return v;
}

/** Calls `handler` for every `name` event while the component is mounted (latest handler wins). */
export function useSocketEvent<K extends keyof ServerToClientEvents | 'replay-done'>(
  name: K,
  handler: (e: K extends keyof ServerToClientEvents ? Parameters<ServerToClientEvents[K]>[0] : Parameters<ServerToClientEvents['replay-done']>[0]) => void,
): void {
  const { bus } = useRealtime();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => bus.on(name, (e) => ref.current(e as never)), [bus, name]);
}
