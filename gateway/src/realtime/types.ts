import type { AnyAbility } from '@casl/ability';
import type { HubEvent, SessionHub } from '@switchboard/shared';
import type { Logger } from 'pino';
import type { RealtimeCluster } from './clusterAdapter.ts';

/** Who a socket belongs to, as far as the realtime layer needs to know. */
export interface RealtimeUser {
  userId: string;
  name?: string;
  /** The same CASL ability REST uses (gateway `defineAbilityFor`). */
  ability: AnyAbility;
  /** Chats assigned to the user (employees see only these). */
  assignments: ReadonlyArray<{ sessionId: string; chatId: string }>;
}

/** A verified handshake token. */
export interface VerifiedToken {
  userId: string;
  /** Expiry (ms since epoch); the socket is closed with `token_expired` then. */
  expiresAt?: number;
  /** Whatever else the verifier wants to hand to `loadUserContext` (role, token version…). */
  claims?: unknown;
}

/** Settings of the realtime layer (read once from configuration by the caller). */
export interface RealtimeConfig {
  /** Allowed CORS origins for browsers (the desktop app's origin is always allowed); none means same-origin only. */
  corsOrigins?: string[];
  /** Most events replayed per session on reconnect (default 5000); beyond that `replay_truncated`. */
  replayLimit?: number;
  /** Period of `session-health` snapshots (default 15 s); 0 disables them. */
  healthIntervalMs?: number;
  /** Period at which every socket's permissions are re-read (default 60 s); 0 disables. */
  refreshEveryMs?: number;
  /** Socket.IO path (default `/socket.io`). */
  path?: string;
  /** Cluster mode (CLUSTER_REDIS_URL): Redis adapter and hub events relayed between nodes. */
  cluster?: RealtimeCluster;
}

/** Dependencies of `attachRealtime`. Auth functions are injected so REST and sockets share them. */
export interface RealtimeDeps {
  hub: Pick<SessionHub, 'subscribe' | 'snapshots'>;
  logger: Logger;
  config?: RealtimeConfig;
  /** Verifies a JWT (signature, expiry, revocation); throws or returns undefined when invalid. */
  verifyToken(token: string): Promise<VerifiedToken | undefined>;
  /** Loads the user's ability and assignments; undefined when the user no longer exists/is inactive. */
  loadUserContext(token: VerifiedToken): Promise<RealtimeUser | undefined>;
  /** Ids of all sessions (for the initial joins of admins and supervisors). Default: Session model. */
  listSessionIds?(): Promise<string[]>;
  /** Events of a session after `afterSeq`, oldest first, at most `limit`. Default: SessionEvent model. */
  readEvents?(sessionId: string, afterSeq: number, limit: number): Promise<HubEvent[]>;
  /** Highest stored seq of a session (0 when none), looking from `from` when given. Default: SessionEvent model. */
  latestSeq?(sessionId: string, from?: number): Promise<number>;
}
