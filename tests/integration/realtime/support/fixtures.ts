/** Users, roles, sessions and a listening realtime server for the realtime integration tests. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Assignment, Role, Session, User } from '@switchboard/shared/node';
import type { ClientToServerEvents, ServerToClientEvents, SocketAuth } from '@switchboard/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { BUILT_IN_PERMISSIONS } from '../../../../gateway/src/policies/builtinRoles.ts';
import { signToken } from '../../../../gateway/src/auth/tokens.ts';
import { attachRealtime, gatewaySocketAuth, type Realtime } from '../../../../gateway/src/realtime/index.ts';
import { silentLogger } from '@switchboard/shared/node';
import type { RealtimeConfig, RealtimeDeps } from '../../../../gateway/src/realtime/types.ts';
import type { SessionHub } from '@switchboard/shared';

/** A typed client socket. */
export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A seeded user and a token for them. */
export interface TestUser {
  id: string;
  token: string;
}

/** Creates the three built-in roles and returns their ids by name. */
export async function seedRoles(): Promise<Record<'admin' | 'supervisor' | 'employee', string>> {
  const out: Record<string, string> = {};
  for (const name of ['admin', 'supervisor', 'employee'] as const) {
    const role = await Role.create({ name, builtIn: true, permissions: BUILT_IN_PERMISSIONS[name] });
    out[name] = role._id.toString();
  }
  return out as Record<'admin' | 'supervisor' | 'employee', string>;
}

/** Creates a user with a role and signs a token (expiresIn seconds, default 1 h). */
export async function createUser(secret: string, roleId: string, name: string, expiresIn: number | string = 3600): Promise<TestUser> {
  const user = await User.create({ name, email: `${name}-${randomBytes(3).toString('hex')}@example.com`, passwordHash: 'x', role: roleId });
  const id = user._id.toString();
  return { id, token: signToken({ secret, expiresIn }, { sub: id, role: roleId, ver: 0 }) };
}

/** Creates Session records. */
export async function createSessions(...ids: string[]): Promise<void> {
  for (const sessionId of ids) await Session.create({ sessionId, name: sessionId });
}

/** Assigns a chat to a user. */
export async function assign(userId: string, sessionId: string, chatId: string): Promise<void> {
  await Assignment.create({ userId, sessionId, chatId });
}

/** An HTTP server with the realtime layer attached, listening on 127.0.0.1. */
export async function startRealtime(
  hub: Pick<SessionHub, 'subscribe' | 'snapshots'>,
  secret: string,
  config: RealtimeConfig = {},
  overrides: Partial<RealtimeDeps> = {},
): Promise<{ url: string; realtime: Realtime; server: Server; close(): Promise<void> }> {
  const server = createServer();
  const realtime = attachRealtime(server, { hub, logger: silentLogger(), config, ...gatewaySocketAuth(secret), ...overrides });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    realtime,
    server,
    async close() {
      await realtime.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Logged = { name: string; payload: any };
const logs = new WeakMap<Client, Logged[]>();

/**
 * Connects a client and resolves once the server accepted it (rejects with the handshake
 * error). Every event the client receives is logged from the start, so events that arrive
 * together with the CONNECT packet (e.g. `replay-done`) are not missed.
 */
export function connectClient(url: string, auth: Partial<SocketAuth>): Promise<Client> {
  const socket: Client = connect(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  const log: Logged[] = [];
  logs.set(socket, log);
  socket.onAny((name: string, payload: unknown) => log.push({ name, payload }));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Collects the events of the given names a client receives from now on (or since it connected). */
export function record(socket: Client, names: (keyof ServerToClientEvents)[], opts: { fromStart?: boolean } = {}): Logged[] {
  const out: Logged[] = opts.fromStart ? (logs.get(socket) ?? []).filter((e) => (names as string[]).includes(e.name)) : [];
  socket.onAny((name: string, payload: unknown) => {
    if ((names as string[]).includes(name)) out.push({ name, payload });
  });
  return out;
}

/** Resolves with the first event of that name matching the predicate, received already or later. */
export function nextEvent<K extends keyof ServerToClientEvents>(
  socket: Client,
  name: K,
  match: (payload: Parameters<ServerToClientEvents[K]>[0]) => boolean = () => true,
): Promise<Parameters<ServerToClientEvents[K]>[0]> {
  const past = (logs.get(socket) ?? []).find((e) => e.name === name && match(e.payload));
  if (past) return Promise.resolve(past.payload);
  return new Promise((resolve) => {
    const handler = (payload: any): void => {
      if (!match(payload)) return;
      socket.off(name, handler as never);
      resolve(payload);
    };
    socket.on(name, handler as never);
  });
}

/** Resolves when the client is disconnected: at once when it already is (the server may close it before the test listens). */
export function disconnected(socket: Client): Promise<void> {
  if (!socket.connected) return Promise.resolve();
  return new Promise((resolve) => socket.once('disconnect', () => resolve()));
}

/**
 * A round trip to the server. Events the server emitted to this socket before it handled the
 * barrier arrive before its ack (one ordered connection), so after `await barrier(s)` the
 * client has everything that was sent to it so far.
 */
export async function barrier(socket: Client): Promise<void> {
  await socket.timeout(5000).emitWithAck('unsubscribe', { sessionId: '__barrier__' });
}
