import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ChatAssigneesEvent, SocketError } from '@switchboard/shared';
import { corsOriginAllowed } from '../middlewares/corsOrigins.ts';
import type { ChatEmitter, UserEmitter } from '../deps.ts';
import { attachClusterAdapter } from './clusterAdapter.ts';
import { authenticateSocket, handshakeError, SocketAuthError } from './handshake.ts';
import { syncRooms, type RealtimeServer, type RealtimeSocket } from './clientState.ts';
import { latestSessionSeq, listAllSessionIds, readSessionEvents } from './eventLog.ts';
import { EventRouter } from './eventRouter.ts';
import { parseLastSeq, replayMissed } from './replay.ts';
import { startHealthTicker } from './sessionHealth.ts';
import { allChatsRoom, assignmentsRoom, chatRoom, LABELS_ROOM } from './rooms.ts';
import { registerAgentActivity } from './agentActivity.ts';
import { registerSubscriptionHandlers } from './subscriptionHandlers.ts';
import type { RealtimeDeps, RealtimeUser } from './types.ts';
import { UserPresence } from './userPresence.ts';

/** What `attachRealtime` returns to the gateway. */
export interface Realtime {
  io: RealtimeServer;
  /** Re-reads a user's ability and assignments and moves their sockets to the allowed rooms. */
  onAssignmentsChanged(userId: string): Promise<void>;
  /** Same as onAssignmentsChanged; call it after deactivation, logout or password change too. */
  refreshUser(userId: string): Promise<void>;
  /** Re-authorises every connected socket (e.g. after a role's permissions changed). */
  refreshAll(): Promise<void>;
  /** Users with at least one connected socket. */
  onlineUserIds(): string[];
  /** Users with at least one connected socket on any node (with the Redis adapter, every node answers). */
  connectedUserIds(): Promise<string[]>;
  /** Emits a chat's volatile event to the sockets in its rooms (the session's chats, or the chat alone). */
  emitToChat: ChatEmitter;
  labelsChanged(): void;
  /** Emits to every socket of one user, on any node (what is theirs alone: their pins). */
  emitToUser: UserEmitter;
  /** Tells the sockets that read every chat and assignment of the session who has a chat now. */
  assigneesChanged(e: ChatAssigneesEvent): void;
  /** Disconnects every socket and stops listening to the hub (the HTTP server stays open). */
  close(): Promise<void>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Socket.IO on the gateway's HTTP server: JWT handshake, rooms per session and per chat checked
 * with the REST abilities, gap-free replay from the SessionEvent log, then live hub events.
 */
export function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps): Realtime {
  const logger = deps.logger.child({ module: 'realtime' });
  const config = deps.config ?? {};
  const listSessionIds = deps.listSessionIds ?? listAllSessionIds;
  const readEvents = deps.readEvents ?? readSessionEvents;
  const latestSeq = deps.latestSeq ?? latestSessionSeq;
  const originAllowed = corsOriginAllowed(config.corsOrigins ?? []);
  const io: RealtimeServer = new Server(httpServer, {
    path: config.path ?? '/socket.io',
    serveClient: false,
    // A client that opened the transport but never completes the handshake is dropped fast.
    connectTimeout: 1000,
    // CORS_ORIGINS plus the desktop app's origin; other origins get no CORS headers.
    cors: { origin: (origin, done) => done(null, originAllowed(origin)), credentials: true },
  });
  const router = new EventRouter(io, readEvents, logger);
  const presence = new UserPresence(io);
  const authenticate = authenticateSocket(deps, logger);

  io.use((socket, next) => {
    void authenticate(socket, (err) => {
      if (err) return next(err);
      // Learn the sessions before the CONNECT packet goes out, so the joins in `connection`
      // happen synchronously and no live event can slip between connect and join.
      listSessionIds().then(
        (ids) => {
          router.learnSessions(ids);
          next();
        },
        (e: unknown) => {
          logger.error({ err: e }, 'listing sessions failed');
          next(handshakeError('internal_error', 'The server could not load your sessions'));
        },
      );
    });
  });

  io.on('connection', (socket: RealtimeSocket) => {
    syncRooms(socket, router.sessions);
    presence.connected(socket);
    registerSubscriptionHandlers(socket, router);
    registerAgentActivity(socket);
    scheduleExpiry(socket);
    socket.on('disconnect', () => {
      presence.disconnected(socket);
      clearTimeout(socket.data.expiryTimer);
    });
    const lastSeq = parseLastSeq((socket.handshake.auth as Record<string, unknown> | undefined)?.lastSeq);
    replayMissed(socket, lastSeq, readEvents, latestSeq, config.replayLimit ?? 5000)
      .then((done) => socket.emit('replay-done', done))
      .catch((err: unknown) => {
        logger.error({ err, userId: socket.data.user.userId }, 'replay failed');
        socket.data.feed.goLive();
        socket.emit('replay-done', { lastSeq: {}, truncated: [...lastSeq.keys()] });
      });
  });

  function scheduleExpiry(socket: RealtimeSocket): void {
    const expiresAt = socket.data.token.expiresAt;
    if (expiresAt === undefined) return;
    const timer = setTimeout(() => {
      socket.emit('auth-error', { code: 'token_expired', message: 'The token has expired' });
      socket.disconnect(true);
    }, Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS));
    timer.unref();
    socket.data.expiryTimer = timer;
  }

  /** This node's sockets of the user; in cluster mode the other nodes are asked to do the same. */
  async function refreshUser(userId: string): Promise<void> {
    relay?.refresh(userId);
    await refreshLocalUser(userId);
  }

  async function refreshLocalUser(userId: string): Promise<void> {
    await refreshSockets([...io.of('/').sockets.values()].filter((s) => s.data.user?.userId === userId));
  }

  async function refreshSockets(sockets: RealtimeSocket[]): Promise<void> {
    for (const socket of sockets) {
      if (!socket.connected || !socket.data.user) continue;
      let user: RealtimeUser | undefined;
      let refusal: SocketError = { code: 'token_revoked', message: 'The token has been revoked' };
      try {
        user = await deps.loadUserContext(socket.data.token);
      } catch (err) {
        if (!(err instanceof SocketAuthError)) {
          // A database hiccup is not a revocation: keep the socket, retry on the next refresh.
          logger.warn({ err, userId: socket.data.user.userId }, 'socket refresh failed');
          continue;
        }
        // The verifier's own code (e.g. `api_key_revoked`) tells the client why.
        refusal = { code: err.code, message: err.message };
      }
      if (!user) {
        socket.emit('auth-error', refusal);
        socket.disconnect(true);
        continue;
      }
      socket.data.user = user;
      const before = [...socket.rooms].filter((r) => r !== socket.id).sort();
      const after = syncRooms(socket, router.sessions).sort();
      if (before.join('\n') !== after.join('\n')) socket.emit('access-changed', { rooms: after });
    }
  }

  const refreshLocal = (): Promise<void> => refreshSockets([...io.of('/').sockets.values()]);
  const refreshAll = (): Promise<void> => {
    relay?.refresh(null);
    return refreshLocal();
  };
  // Safety net for permission changes nobody announced (e.g. a role edited): re-check everyone.
  const refreshEvery = config.refreshEveryMs ?? 60_000;
  const refreshTimer = refreshEvery > 0 ? setInterval(() => void refreshLocal().catch(() => undefined), refreshEvery) : undefined;
  refreshTimer?.unref();

  // Cluster mode: the hub emits this node's actors' events; the relay brings the other nodes'.
  const relay = config.cluster
    ? attachClusterAdapter(io, config.cluster, router.route, logger, (userId) => {
        void (userId === null ? refreshLocal() : refreshLocalUser(userId)).catch((err: unknown) => logger.warn({ err }, 'socket refresh failed'));
      })
    : undefined;
  const unsubscribe = deps.hub.subscribe(
    relay
      ? (event) => {
          router.route(event);
          relay.publish(event);
        }
      : router.route,
  );
  const healthEvery = config.healthIntervalMs ?? 15_000;
  const stopHealth = healthEvery > 0 ? startHealthTicker(io, deps.hub, healthEvery) : () => {};

  return {
    io,
    onAssignmentsChanged: refreshUser,
    refreshUser,
    refreshAll,
    onlineUserIds: () => presence.onlineUserIds(),
    connectedUserIds: async () => [...new Set((await io.fetchSockets()).flatMap((socket) => (socket.data.user ? [socket.data.user.userId] : [])))],
    emitToChat: (sessionId, chatId, event, payload) => {
      // With the Redis adapter, `to(...)` reaches the rooms on every node.
      (io.to([allChatsRoom(sessionId), chatRoom(sessionId, chatId)]).emit as (name: string, arg: unknown) => boolean)(event, payload);
    },
    async emitToUser(userId, event, payload) {
      // fetchSockets answers with every node's sockets under the Redis adapter.
      for (const socket of await io.fetchSockets()) if (socket.data.user?.userId === userId) (socket.emit as (name: string, arg: unknown) => boolean)(event, payload);
    },
    labelsChanged: () => {
      io.to(LABELS_ROOM).emit('labels-changed', { at: Date.now() });
    },
    assigneesChanged: (e) => {
      io.to(assignmentsRoom(e.sessionId)).emit('chat-assignees', e);
    },
    async close() {
      unsubscribe();
      stopHealth();
      clearInterval(refreshTimer);
      // Only this node's sockets (with the Redis adapter, io.disconnectSockets reaches every node).
      io.local.disconnectSockets(true);
      io.engine.close();
      await relay?.close();
    },
  };
}
