import { Schema, type Types } from 'mongoose';
import { SESSION_STATUSES, type SessionStatus } from '../../domain/messages.ts';
import type { DisconnectCause } from '../../protocol/events.ts';
import { defineModel } from './defineModel.ts';

/** How many restart records a Session keeps (oldest dropped first). */
export const MAX_RESTART_RECORDS = 50;

/** Counters and resource figures of a session, updated by its actor and the supervisor. */
export interface SessionMetrics {
  messagesSent: number;
  messagesReceived: number;
  chatCount: number;
  lastActivityAt?: Date | null;
  connectionAttempts: number;
  errorCount: number;
  lastError?: string | null;
  lastDisconnectCause?: DisconnectCause | null;
  lastConnectedAt?: Date | null;
  rssBytes?: number | null;
  heapUsedBytes?: number | null;
  eventLoopLagMs?: number | null;
  /** Pid of the running actor (null when none runs); set by the supervisor. */
  pid?: number | null;
  /** When the current actor was forked; set by the supervisor. */
  actorStartedAt?: Date | null;
}

/** One restart of the session's actor, as recorded by the supervisor. */
export interface RestartRecord {
  at: Date;
  reason: string;
  exitCode?: number | null;
}

/** One WhatsApp account managed by Switchboard. */
export interface SessionDoc {
  _id: Types.ObjectId;
  /** Stable public id (used in URLs, IPC and every per-session collection). */
  sessionId: string;
  name: string;
  status: SessionStatus;
  /** Whether the supervisor should keep an actor running for it. */
  active: boolean;
  /** Phone number (digits) of the linked account, once known. */
  phone?: string | null;
  /** The linked account as WhatsApp reports it (JID, LID, push name). */
  me?: { id?: string | null; lid?: string | null; name?: string | null } | null;
  device?: { platform?: string | null; pushName?: string | null; [key: string]: unknown } | null;
  metrics: SessionMetrics;
  health: { lastCheckAt?: Date | null; healthy: boolean; issues: string[] };
  /** Last MAX_RESTART_RECORDS restarts; append with `recordRestart`. */
  restarts: RestartRecord[];
  problematicSince?: Date | null;
  /** Last event sequence number handed out; advance with `nextEventSeq`. */
  eventSeq: number;
  createdBy?: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

const sessionSchema = new Schema<SessionDoc>(
  {
    sessionId: { type: String, required: true, trim: true, maxlength: 100 },
    name: { type: String, required: true, trim: true, maxlength: 200 },
    status: { type: String, enum: SESSION_STATUSES, default: 'created' },
    active: { type: Boolean, default: true },
    phone: { type: String, default: null },
    me: { id: String, lid: String, name: String },
    device: { type: Schema.Types.Mixed, default: {} },
    metrics: {
      messagesSent: { type: Number, default: 0 },
      messagesReceived: { type: Number, default: 0 },
      chatCount: { type: Number, default: 0 },
      lastActivityAt: { type: Date, default: null },
      connectionAttempts: { type: Number, default: 0 },
      errorCount: { type: Number, default: 0 },
      lastError: { type: String, default: null },
      lastDisconnectCause: { type: String, default: null },
      lastConnectedAt: { type: Date, default: null },
      rssBytes: { type: Number, default: null },
      heapUsedBytes: { type: Number, default: null },
      eventLoopLagMs: { type: Number, default: null },
      pid: { type: Number, default: null },
      actorStartedAt: { type: Date, default: null },
    },
    health: {
      lastCheckAt: { type: Date, default: null },
      healthy: { type: Boolean, default: true },
      issues: { type: [String], default: [] },
    },
    restarts: {
      type: [new Schema<RestartRecord>({ at: Date, reason: String, exitCode: Number }, { _id: false })],
      default: [],
    },
    problematicSince: { type: Date, default: null },
    eventSeq: { type: Number, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true, minimize: false },
);
sessionSchema.index({ sessionId: 1 }, { unique: true });
sessionSchema.index({ active: 1, status: 1 });
sessionSchema.index({ status: 1 });

/** Sessions collection (`sessions`). */
export const Session = defineModel<SessionDoc>('Session', sessionSchema);
