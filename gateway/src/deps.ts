import type { Logger } from 'pino';
import type { ChatAssigneesEvent, ServerToClientEvents, SessionHub } from '@switchboard/shared';
import type { AccountLimits } from './auth/accountLimits.ts';
import type { GatewaySettings } from './config.ts';
import type { EmailService } from './email/EmailService.ts';
import type { Limiters } from './middlewares/rateLimit.ts';
import type { MediaPool } from './media-pool/index.ts';
import type { MessageRates } from './metrics/messageRates.ts';
import type { UploadLimits } from './routes/media/index.ts';
import type { WebhookControl } from './webhooks/index.ts';

/** Emits a chat's volatile socket event (`chat-note`, `chat-note-deleted`) to the sockets that may read the chat. */
/** Emits an event that is one user's alone (their pins) to every socket of theirs, on any node. */
export type UserEmitter = <E extends 'chat-pin'>(userId: string, event: E, payload: Parameters<ServerToClientEvents[E]>[0]) => Promise<void>;
export type ChatEmitter = <E extends 'chat-note' | 'chat-note-deleted' | 'chat-labels' | 'chat-snooze' | 'chat-name' | 'chat-opt-out' | 'scheduled-message' | 'chat-scheduled' | 'message-star'>(sessionId: string, chatId: string, event: E, payload: Parameters<ServerToClientEvents[E]>[0]) => void;

/** A health report the supervisor may expose (shape owned by the supervisor). */
export type HealthReporter = () => unknown | Promise<unknown>;

/** What routes and middleware receive; built once by createApp. */
export interface GatewayDeps {
  config: GatewaySettings;
  logger: Logger;
  hub: SessionHub;
  email: EmailService;
  /** Per-IP limiters (rate-limiter-flexible). */
  limiters: Limiters;
  /** Per-account limits: sign-in lockout and forgot-password quota (on the injected clock). */
  accountLimits: AccountLimits;
  /** Injected clock (tests pass a fake one). */
  now: () => Date;
  /**
   * Realtime hooks, set once Socket.IO is attached: called after assignment, role, activation,
   * logout and password changes so open sockets move to the rooms the user may now see.
   */
  /** The automatic distribution of new chats (assignments/autoAssign.ts), told when a session's rule changes. */
  autoAssign?: { ruleChanged(sessionId: string): void };
  /** The away replies (automation/awayReplies.ts), told when a session's opening hours change. */
  awayReplies?: { ruleChanged(sessionId: string): void };
  realtime?: {
    refreshUser(userId: string): Promise<void>;
    /** Emits a volatile event to the sockets that may read the chat (every node's, in cluster mode). */
    emitToChat: ChatEmitter;
    /** Tells every socket that may read labels that they changed (every node's, in cluster mode). */
    labelsChanged(): void;
    emitToUser: UserEmitter;
    /** Tells the sockets that read every chat and assignment of the session who has a chat now. */
    assigneesChanged(e: ChatAssigneesEvent): void;
  };
  /** Media pool and limits for uploads and multipart sends; absent: uploads answer 415 `multipart_unavailable`. */
  upload?: { pool: MediaPool; limits: UploadLimits; profilePictureTtlMs?: number };
  /** Supervisor health report for /api/admin/system/health, when available. */
  health?: HealthReporter;
  /** Messages per minute counted from the hub's events (dashboard `rates`). */
  rates: MessageRates;
  /** The webhook dispatcher, set once started (startGateway); absent: webhook routes act on the database only. */
  webhooks?: WebhookControl;
}
