/**
 * Runs the real session Actor in the test process against the real database and the WhatsApp
 * simulator, and records what it would send to the supervisor (events, ready) and how it
 * would exit. `ActorChild` forks it as its own process instead, as the supervisor does (for
 * tests that kill it).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ActorEvent, ActorInitConfig, ExitCode, FromActor, ReplyEnvelope } from '@switchboard/shared';
import { Media, Message, Session, connectDatabase, createLogger, disconnectDatabase, putMedia, silentLogger } from '@switchboard/shared/node';
import { startSimulator, type Simulator } from '@switchboard/wa-sim';
import { Actor, createHandlers, type ActorDeps } from '@switchboard/session-actor';
import { startDbFaultProxy, type DbFaultProxy } from '../../support/dbFaultProxy.ts';
import { testDbUri } from '../../support/testDb.ts';

/** An Actor under test with its recorded output. */
export interface ActorRun {
  actor: Actor;
  handlers: ReturnType<typeof createHandlers>;
  events: ActorEvent[];
  ready: boolean;
  /** Resolves with the exit code the actor asked for. */
  exited: Promise<{ code: ExitCode; reason: string }>;
  /** Resolves with the first event (past or future) matching `match`. */
  waitFor<T extends ActorEvent['type']>(type: T, match?: (e: Extract<ActorEvent, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<ActorEvent, { type: T }>>;
  stop(): Promise<void>;
}

/** An init config pointing at the simulator. */
export function simConfig(sim: Simulator, sessionId: string, mongoUri: string, over: Partial<ActorInitConfig> = {}): ActorInitConfig {
  return {
    sessionId,
    mongoUri,
    authStorage: 'mongo',
    dataDir: mkdtempSync(join(tmpdir(), 'actor-data-')),
    logLevel: 'silent',
    wa: { websocketUrl: sim.wsUrl, trustRootHex: sim.trustRootHex, caCertPath: sim.caCertPath },
    preloadChats: { type: 'individual', limit: 30 },
    heartbeatMs: 1000,
    ...over,
  };
}

/** Starts an Actor in-process (the database must already be connected); `over` tunes its deps. */
export async function runActor(
  config: ActorInitConfig,
  over: Partial<Pick<ActorDeps, 'credsRetry'>> = {},
  /**
   * How this host answers the actor's barriers: 'unanswered' never (a supervisor killed before
   * it wrote the events), 'dropped' with "not stored" (its event log gave up on them).
   */
  barriers: 'stored' | 'dropped' | 'unanswered' = 'stored',
): Promise<ActorRun> {
  const events: ActorEvent[] = [];
  const listeners = new Set<(e: ActorEvent) => void>();
  let resolveExit!: (v: { code: ExitCode; reason: string }) => void;
  const exited = new Promise<{ code: ExitCode; reason: string }>((r) => (resolveExit = r));
  const run = { events, ready: false } as ActorRun;
  const send = (msg: FromActor) => {
    if (msg.kind === 'ready') run.ready = true;
    if (msg.kind === 'event') {
      events.push(msg.event);
      for (const l of listeners) l(msg.event);
    }
    // This host records every event as it arrives: all of them are "stored" when a barrier comes.
    if (msg.kind === 'barrier' && barriers !== 'unanswered') actor.barriers.done(msg.id, barriers === 'stored');
  };
  const exit = (code: ExitCode, reason: string) => resolveExit({ code, reason });
  // ACTOR_LOG_LEVEL=debug shows the actor's (and Baileys') logs when a test needs explaining.
  const level = process.env.ACTOR_LOG_LEVEL as 'debug' | undefined;
  const logger = level ? createLogger({ NODE_ENV: 'test', LOG_LEVEL: level }, { name: 'actor-test' }) : silentLogger();
  const actor = new Actor({ config, logger, send, exit, backoff: { baseMs: 50, capMs: 500, maxAttempts: 5 }, outboxRetryMs: 200, mediaRetry: { baseMs: 100, capMs: 1000 }, ...over });
  run.actor = actor;
  run.handlers = createHandlers(actor, { exit });
  run.exited = exited;
  run.waitFor = (type, match = () => true, timeoutMs = 20_000) => {
    const hit = events.find((e) => e.type === type && match(e as never));
    if (hit) return Promise.resolve(hit as never);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(l);
        reject(new Error(`no ${type} event within ${timeoutMs} ms; saw ${events.map((e) => e.type).join(',')}`));
      }, timeoutMs);
      const l = (e: ActorEvent) => {
        if (e.type !== type || !match(e as never)) return;
        clearTimeout(timer);
        listeners.delete(l);
        resolve(e as never);
      };
      listeners.add(l);
    });
  };
  run.stop = async () => {
    await actor.shutdown('test done');
    await exited;
  };
  await actor.start();
  return run;
}

/**
 * Stores an outgoing message the way the hub does (pending, id generated up front) in
 * `sessionId`'s outbox, addressed to `chatId`; resolves with its message id.
 */
export async function queueSend(sessionId: string, chatId: string, fields: Record<string, unknown>): Promise<string> {
  const messageId = `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;
  await Message.create({ sessionId, chatId, messageId, fromMe: true, status: 'pending', timestamp: new Date(), ...fields });
  return messageId;
}

/** Stores a PDF of `bytes` random bytes in GridFS and queues it as a document send (see queueSend). */
export async function queueDocument(sessionId: string, chatId: string, fileName: string, bytes: number): Promise<string> {
  const blob = await putMedia(randomBytes(bytes), { filename: fileName, contentType: 'application/pdf' });
  const media = await Media.create({
    sessionId, kind: 'document', mimeType: 'application/pdf', size: blob.size, sha256: blob.sha256,
    gridFsId: blob.id, direction: 'out', fileName,
  });
  return queueSend(sessionId, chatId, { kind: 'document', mediaId: media._id });
}

/** Links a fresh actor to a simulated phone by QR and waits until it is connected. */
export async function linkActor(sim: Simulator, run: ActorRun, phone: string): Promise<void> {
  const { qr } = await run.waitFor('qr');
  await sim.scanQr(phone, qr);
  await run.waitFor('connection-state', (e) => e.status === 'connected');
}

/** Config for an actor that preloads no chats at start (tests about sends and receipts). */
export const NO_PRELOAD: Partial<ActorInitConfig> = { preloadChats: { type: 'individual', limit: 0 } };

/** A linked actor on a simulator of its own, for the tests of one file. */
export interface LinkedActor {
  sim: Simulator;
  run: ActorRun;
  /** The test database's URI (for an actor started again on it). */
  uri: string;
  /** With `proxied`: the proxy the test process and the actor reach the database through. */
  proxy?: DbFaultProxy;
}

/**
 * Connects to test database `db`, starts a simulator with `phone` (named `phoneName`, default
 * Shop) and `contacts` (phone → name), creates the Session and links an actor configured with
 * `config` (default NO_PRELOAD: no chats preloaded). With `proxied`, the test and the actor reach
 * the database through a fault proxy (requests counted, held or cut: dbFaultProxy.ts). Pair it
 * with stopLinkedActor in afterAll.
 */
export async function startLinkedActor(o: {
  db: string;
  sessionId: string;
  name: string;
  phone: string;
  phoneName?: string;
  contacts: Record<string, string>;
  config?: Partial<ActorInitConfig>;
  proxied?: boolean;
}): Promise<LinkedActor> {
  const direct = testDbUri(o.db);
  const proxy = o.proxied ? await startDbFaultProxy(direct) : undefined;
  const uri = proxy ? proxy.uriFor(direct) : direct;
  await connectDatabase(uri, silentLogger());
  const sim = await startSimulator();
  sim.createPhone({ phone: o.phone, name: o.phoneName ?? 'Shop' });
  for (const [phone, name] of Object.entries(o.contacts)) sim.createContact({ phone, name });
  await Session.create({ sessionId: o.sessionId, name: o.name });
  const run = await runActor(simConfig(sim, o.sessionId, uri, o.config ?? NO_PRELOAD));
  await linkActor(sim, run, o.phone);
  return { sim, run, uri, ...(proxy ? { proxy } : {}) };
}

/** Stops what startLinkedActor started (any may be missing when it failed half way). */
export async function stopLinkedActor(run: ActorRun | undefined, sim: Simulator | undefined, proxy?: DbFaultProxy): Promise<void> {
  await run?.stop();
  await sim?.stop();
  await disconnectDatabase();
  await proxy?.stop();
}

const here = dirname(fileURLToPath(import.meta.url));
/** The actor's process entry, as the supervisor forks it. */
const entry = resolve(here, '../../../session-actor/src/main.ts');
const tsxLoader = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'loader.mjs')).href;

/** A forked actor process (not initialised: send it `initEnvelope(config)`) and what it sent. */
export class ActorChild {
  readonly proc: ChildProcess;
  readonly messages: FromActor[] = [];
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exit: Promise<number | null>;
  private waiters: { match: (m: FromActor) => boolean; resolve: (m: FromActor) => void }[] = [];

  constructor() {
    this.proc = fork(entry, [], { execArgv: ['--import', tsxLoader], stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: { PATH: process.env.PATH } });
    this.exit = new Promise((r) => this.proc.once('exit', (code) => r(code)));
    this.proc.on('message', (m: FromActor) => {
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => (w.match(m) ? (w.resolve(m), false) : true));
    });
  }

  /** Resolves with the first message (past or future) matching `match`. */
  next<T extends FromActor>(match: (m: FromActor) => boolean): Promise<T> {
    const hit = this.messages.find(match);
    if (hit) return Promise.resolve(hit as T);
    return new Promise((resolve) => this.waiters.push({ match, resolve: resolve as (m: FromActor) => void }));
  }

  /** Resolves with the first event (past or future) of `type` matching `match`. */
  event<T extends ActorEvent['type']>(type: T, match: (e: Extract<ActorEvent, { type: T }>) => boolean = () => true) {
    return this.next<{ v: 1; kind: 'event'; event: Extract<ActorEvent, { type: T }> }>(
      (m) => m.kind === 'event' && m.event.type === type && match(m.event as never),
    ).then((m) => m.event);
  }

  /** Calls a command and resolves with its reply envelope. */
  async call(id: number, cmd: string, args: unknown): Promise<ReplyEnvelope> {
    this.proc.send({ v: 1, kind: 'req', id, cmd, args });
    return this.next<ReplyEnvelope>((m) => m.kind === 'res' && m.id === id);
  }
}
