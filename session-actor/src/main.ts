/**
 * Session actor process entry (forked by the supervisor, one per WhatsApp session).
 * fork → `init` over IPC (config; secrets never in argv) → open auth → `ready` → connect.
 * Exit codes are protocol (shared/src/protocol/exitCodes.ts).
 */
import {
  EXIT_CODES,
  WARM_ACTOR_ENV,
  createHandlerTable,
  isToActor,
  type ActorCommands,
  type ActorInitConfig,
  type ExitCode,
  type FromActor,
} from '@switchboard/shared';
import { connectDatabase, createLogger, disconnectDatabase } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import { Actor } from './Actor.ts';
import { createHandlers } from './handlers.ts';
import { startHeartbeat } from './heartbeat.ts';
import { initConfigProblems } from './initConfig.ts';
import { quietConsole } from './quietConsole.ts';

const INIT_TIMEOUT_MS = 30_000;
const REPLY_DRAIN_MS = 2_000;

let log: Logger | null = null;
let actor: Actor | null = null;
let stopHeartbeat: () => void = () => undefined;
let inFlight = 0;
let exiting = false;

function send(msg: FromActor): void {
  if (process.connected) process.send?.(msg, undefined, {}, () => undefined);
}

/** Waits for in-flight replies (bounded), closes the database and exits with `code`. */
async function exit(code: ExitCode, reason: string): Promise<void> {
  if (exiting) return;
  exiting = true;
  log?.info({ code, reason }, 'actor exiting');
  stopHeartbeat();
  const deadline = Date.now() + REPLY_DRAIN_MS;
  while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await disconnectDatabase().catch(() => undefined);
  log?.flush();
  process.exit(code);
}

async function init(config: ActorInitConfig): Promise<void> {
  const problems = initConfigProblems(config);
  if (problems.length) {
    process.stderr.write(`session-actor: bad init config: ${problems.join('; ')}\n`);
    process.exit(EXIT_CODES.BAD_CONFIG);
  }
  const nodeEnv = process.env.NODE_ENV === 'development' ? 'development' : 'production';
  // The Actor adds sessionId to every line (its child loggers), so the root carries only the name.
  log = createLogger({ NODE_ENV: nodeEnv, LOG_LEVEL: config.logLevel }, { name: 'actor' });
  quietConsole(log);
  await connectDatabase(config.mongoUri, log, { maxPoolSize: 4, syncIndexes: false });
  actor = new Actor({ config, logger: log, send, exit: (code, reason) => void exit(code, reason) });
  const table = createHandlerTable<ActorCommands>(createHandlers(actor, { exit: (code, reason) => void exit(code, reason) }));
  handleRequest = async (req) => {
    inFlight += 1;
    try {
      send(await table.handle(req));
    } finally {
      inFlight -= 1;
    }
  };
  await actor.start();
  stopHeartbeat = startHeartbeat(config.heartbeatMs, () => actor!.counters, send);
}

let handleRequest: ((req: Parameters<ReturnType<typeof createHandlerTable>['handle']>[0]) => Promise<void>) | null = null;
let initialized = false;

process.on('message', (msg: unknown) => {
  if (!isToActor(msg)) {
    log?.warn('ignored malformed IPC message');
    return;
  }
  if (msg.kind === 'init') {
    if (initialized) return;
    initialized = true;
    init(msg.config).catch((err: unknown) => crash(err, 'start failed'));
  } else if (msg.kind === 'req') {
    if (handleRequest) void handleRequest(msg);
    else send({ v: 1, kind: 'res', id: msg.id, ok: false, error: { name: 'ActorError', code: 'not_ready', message: 'actor not ready' } });
  } else if (msg.kind === 'barrier-done') {
    actor?.barriers.done(msg.id, msg.stored);
  } else if (msg.kind === 'shutdown') {
    setTimeout(() => void exit(EXIT_CODES.NORMAL, 'shutdown grace elapsed'), msg.graceMs).unref();
    if (actor) void actor.shutdown();
    else void exit(EXIT_CODES.NORMAL, 'shutdown before start');
  }
});

function crash(err: unknown, what: string): void {
  if (log) log.fatal({ err }, what);
  else process.stderr.write(`session-actor: ${what}: ${(err as Error)?.stack ?? String(err)}\n`);
  void exit(EXIT_CODES.CRASH, what);
}

process.on('uncaughtException', (err) => crash(err, 'uncaught exception'));
process.on('unhandledRejection', (err) => crash(err, 'unhandled rejection'));
// The supervisor is gone: nobody can stop us any more, so stop cleanly now.
process.on('disconnect', () => (actor ? void actor.shutdown('parent disconnected') : void exit(EXIT_CODES.NORMAL, 'parent disconnected')));
// A warm actor (forked ahead of need, supervisor/src/warmPool.ts) waits for its session as long
// as its supervisor lives; any other actor must get its init at once.
if (process.env[WARM_ACTOR_ENV] !== '1') setTimeout(() => {
  if (!initialized) {
    process.stderr.write('session-actor: no init message received\n');
    process.exit(EXIT_CODES.BAD_CONFIG);
  }
}, INIT_TIMEOUT_MS).unref();
