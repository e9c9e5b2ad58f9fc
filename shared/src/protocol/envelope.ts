/**
 * The one versioned union for every message that crosses the supervisor ⇄ actor boundary
 * (DESIGN.md "Supervisor ⇄ actor protocol"). Every envelope carries `v: 1`; anything else is
 * rejected by the guards below, so a mismatched child fails loudly instead of half-working.
 */
import type { CommandName } from './commands.ts';
import type { ActorEvent } from './events.ts';

/** Protocol version carried by every envelope. */
export const PROTOCOL_VERSION = 1 as const;

/** Configuration the supervisor sends in `init` (over IPC: secrets never travel in argv). */
export interface ActorInitConfig {
  sessionId: string;
  /** Full URI including the database name; may contain credentials. */
  mongoUri: string;
  authStorage: 'mongo' | 'file';
  /** Base data folder (DATA_DIR); the actor keeps this session's files under it (e.g. auth/<sessionId>). */
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  wa: {
    /** WhatsApp websocket URL; the simulator's in tests and demo, WhatsApp's when absent. */
    websocketUrl?: string;
    /** Hex of the Noise certificate trust root (simulator), WhatsApp's when absent. */
    trustRootHex?: string;
    /** CA certificate (PEM file) to trust for the websocket's TLS (simulator). */
    caCertPath?: string;
  };
  preloadChats: { type: 'individual' | 'group' | 'all'; limit: number };
  /** Interval between heartbeats, in milliseconds. */
  heartbeatMs: number;
  /** Fault hooks for tests only; never set from the process configuration. */
  testHooks?: ActorTestHooks;
  /**
   * Cluster mode: the fencing token of this node's lease on the session. Writes that must not
   * come from two owners carry it and are refused once a newer token exists (the actor then
   * exits FENCED). Absent in single-node mode: no fencing, no extra database requests.
   */
  fence?: number;
}

/**
 * Deterministic faults a test can ask of a real actor process (issue 14). Only the test
 * harnesses set them (through the supervisor's `actor` options); no environment variable does.
 */
export interface ActorTestHooks {
  /**
   * Ids of incoming messages at which the actor SIGKILLs itself right after Baileys hands it the
   * message (`messages.upsert`) and before anything stores it. Once per id per data dir (a
   * marker file under `<dataDir>/test-hooks/`), so the restarted actor gets past it.
   */
  killBeforeStore?: string[];
}

/** An error as it crosses the boundary; rebuilt into a coded Error on the far side. */
export interface SerializedError {
  name: string;
  code: string;
  message: string;
  stack?: string;
}

/** Counters reported with every heartbeat (monotonic since the actor started). */
export interface ActorCounters {
  messagesIn: number;
  messagesOut: number;
  eventsSent: number;
  reconnects: number;
  /** Epoch ms of the last frame received from WhatsApp, null when none yet. */
  lastTrafficAt: number | null;
}

/** Supervisor → actor: call a command. */
export interface RequestEnvelope<C extends string = CommandName> {
  v: 1;
  kind: 'req';
  id: number;
  cmd: C;
  args: unknown;
}

/** Actor → supervisor: the reply to one request (matched by id). */
export type ReplyEnvelope =
  | { v: 1; kind: 'res'; id: number; ok: true; result: unknown }
  | { v: 1; kind: 'res'; id: number; ok: false; error: SerializedError };

/** Actor → supervisor: a domain event (the hub numbers and persists it). */
export interface EventEnvelope {
  v: 1;
  kind: 'event';
  event: ActorEvent;
}

/**
 * Actor → supervisor: "tell me when every event I sent before this one is stored". The actor
 * keeps a received message's durable inbox entry until its announcement is in the event log, so
 * that a node killed between the two cannot lose the announcement (the next actor replays it).
 */
export interface BarrierEnvelope {
  v: 1;
  kind: 'barrier';
  id: number;
}

/** Supervisor → actor: the answer to a barrier: `stored` is false when one of those events was dropped. */
export interface BarrierDoneEnvelope {
  v: 1;
  kind: 'barrier-done';
  id: number;
  stored: boolean;
}

/** Actor → supervisor: auth state opened, commands may flow. */
export interface ReadyEnvelope {
  v: 1;
  kind: 'ready';
}

/** Actor → supervisor: periodic liveness with memory, event-loop lag and counters. */
export interface HeartbeatEnvelope {
  v: 1;
  kind: 'heartbeat';
  rssBytes: number;
  heapUsedBytes: number;
  eventLoopLagMs: number;
  counters: ActorCounters;
}

/** Supervisor → actor: flush, close the socket (without logging out) and exit within graceMs. */
export interface ShutdownEnvelope {
  v: 1;
  kind: 'shutdown';
  graceMs: number;
}

/** Supervisor → actor: first message after fork. */
export interface InitEnvelope {
  v: 1;
  kind: 'init';
  config: ActorInitConfig;
}

/** Control messages (lifecycle, not commands). */
export type ControlEnvelope = ReadyEnvelope | HeartbeatEnvelope | ShutdownEnvelope | InitEnvelope;

/** Every message that crosses the boundary. */
export type Envelope = RequestEnvelope | ReplyEnvelope | EventEnvelope | ControlEnvelope | BarrierEnvelope | BarrierDoneEnvelope;

/** What the supervisor sends to an actor. */
export type ToActor = RequestEnvelope | ShutdownEnvelope | InitEnvelope | BarrierDoneEnvelope;

/** What an actor sends to the supervisor. */
export type FromActor = ReplyEnvelope | EventEnvelope | ReadyEnvelope | HeartbeatEnvelope | BarrierEnvelope;

const KINDS = new Set(['req', 'res', 'event', 'ready', 'heartbeat', 'shutdown', 'init', 'barrier', 'barrier-done']);

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** True for any well-formed v1 envelope (checks the shape fields the router relies on). */
export function isEnvelope(x: unknown): x is Envelope {
  if (!isObject(x) || x.v !== PROTOCOL_VERSION || typeof x.kind !== 'string' || !KINDS.has(x.kind)) return false;
  switch (x.kind) {
    case 'req':
      return typeof x.id === 'number' && typeof x.cmd === 'string';
    case 'res':
      return typeof x.id === 'number' && typeof x.ok === 'boolean' && (x.ok || isObject(x.error));
    case 'event':
      return isObject(x.event) && typeof x.event.type === 'string';
    case 'heartbeat':
      return typeof x.rssBytes === 'number' && typeof x.heapUsedBytes === 'number' && isObject(x.counters);
    case 'shutdown':
      return typeof x.graceMs === 'number';
    case 'init':
      return isObject(x.config) && typeof x.config.sessionId === 'string';
    case 'barrier':
      return typeof x.id === 'number';
    case 'barrier-done':
      return typeof x.id === 'number' && typeof x.stored === 'boolean';
    default:
      return true;
  }
}

/** A well-formed request. */
export function isRequest(x: unknown): x is RequestEnvelope {
  return isEnvelope(x) && x.kind === 'req';
}

/** A well-formed reply. */
export function isReply(x: unknown): x is ReplyEnvelope {
  return isEnvelope(x) && x.kind === 'res';
}

/** A well-formed event. */
export function isEventEnvelope(x: unknown): x is EventEnvelope {
  return isEnvelope(x) && x.kind === 'event';
}

/** A well-formed control message (ready, heartbeat, shutdown, init). */
export function isControl(x: unknown): x is ControlEnvelope {
  return isEnvelope(x) && (x.kind === 'ready' || x.kind === 'heartbeat' || x.kind === 'shutdown' || x.kind === 'init');
}

/** A message the supervisor may send to an actor. */
export function isToActor(x: unknown): x is ToActor {
  return isEnvelope(x) && (x.kind === 'req' || x.kind === 'shutdown' || x.kind === 'init' || x.kind === 'barrier-done');
}

/** A message an actor may send to the supervisor. */
export function isFromActor(x: unknown): x is FromActor {
  return isEnvelope(x) && (x.kind === 'res' || x.kind === 'event' || x.kind === 'ready' || x.kind === 'heartbeat' || x.kind === 'barrier');
}

/** Builds an event envelope. */
export function eventEnvelope(event: ActorEvent): EventEnvelope {
  return { v: PROTOCOL_VERSION, kind: 'event', event };
}

/** Builds a barrier envelope (actor → supervisor). */
export function barrierEnvelope(id: number): BarrierEnvelope {
  return { v: PROTOCOL_VERSION, kind: 'barrier', id };
}

/** Builds the answer to a barrier (supervisor → actor). */
export function barrierDoneEnvelope(id: number, stored: boolean): BarrierDoneEnvelope {
  return { v: PROTOCOL_VERSION, kind: 'barrier-done', id, stored };
}

/** Builds a ready envelope. */
export function readyEnvelope(): ReadyEnvelope {
  return { v: PROTOCOL_VERSION, kind: 'ready' };
}

/** Builds a heartbeat envelope. */
export function heartbeatEnvelope(h: Omit<HeartbeatEnvelope, 'v' | 'kind'>): HeartbeatEnvelope {
  return { v: PROTOCOL_VERSION, kind: 'heartbeat', ...h };
}

/** Builds a shutdown envelope. */
export function shutdownEnvelope(graceMs: number): ShutdownEnvelope {
  return { v: PROTOCOL_VERSION, kind: 'shutdown', graceMs };
}

/** Builds an init envelope. */
export function initEnvelope(config: ActorInitConfig): InitEnvelope {
  return { v: PROTOCOL_VERSION, kind: 'init', config };
}

/**
 * Environment variable set (to "1") in a warm actor: a process forked ahead of need, with its
 * modules loaded, that waits for its `init` without the usual time limit (supervisor/src/warmPool.ts).
 */
export const WARM_ACTOR_ENV = 'SWITCHBOARD_ACTOR_WARM';
