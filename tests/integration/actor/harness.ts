/**
 * Runs the real session Actor in the test process against the real database and the WhatsApp
 * simulator, and records what it would send to the supervisor (events, ready) and how it
 * would exit. The forked-process path is covered by actorProcess.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActorEvent, ActorInitConfig, ExitCode, FromActor } from '@switchboard/shared';
import { createLogger, silentLogger } from '@switchboard/shared/node';
import type { Simulator } from '@switchboard/wa-sim';
import { Actor, createHandlers, type ActorDeps } from '@switchboard/session-actor';

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
export async function runActor(config: ActorInitConfig, over: Partial<Pick<ActorDeps, 'credsRetry'>> = {}): Promise<ActorRun> {
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

/** Links a fresh actor to a simulated phone by QR and waits until it is connected. */
export async function linkActor(sim: Simulator, run: ActorRun, phone: string): Promise<void> {
  const { qr } = await run.waitFor('qr');
  await sim.scanQr(phone, qr);
  await run.waitFor('connection-state', (e) => e.status === 'connected');
}
