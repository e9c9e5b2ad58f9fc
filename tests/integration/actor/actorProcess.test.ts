import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@switchboard/wa-sim';
import {
  EXIT_CODES,
  RPC_ERROR_CODES,
  initEnvelope,
  shutdownEnvelope,
  type ActorEvent,
  type ActorInitConfig,
  type FromActor,
  type HeartbeatEnvelope,
  type ReplyEnvelope,
} from '@switchboard/shared';
import { AuthState, Session, connectDatabase, disconnectDatabase, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';
import { simConfig } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The actor's process entry, as the supervisor forks it. */
const entry = resolve(here, '../../../session-actor/src/main.ts');
const tsxLoader = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'loader.mjs')).href;

let sim: Simulator;
let uri: string;

beforeAll(async () => {
  uri = testDbUri('actor_proc');
  await connectDatabase(uri, silentLogger());
  sim = await startSimulator();
});

afterAll(async () => {
  await sim?.stop();
  await disconnectDatabase();
});

/** A forked actor process and what it sent. */
class Child {
  readonly proc: ChildProcess;
  readonly messages: FromActor[] = [];
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

  next<T extends FromActor>(match: (m: FromActor) => boolean): Promise<T> {
    const hit = this.messages.find(match);
    if (hit) return Promise.resolve(hit as T);
    return new Promise((resolve) => this.waiters.push({ match, resolve: resolve as (m: FromActor) => void }));
  }

  event<T extends ActorEvent['type']>(type: T, match: (e: Extract<ActorEvent, { type: T }>) => boolean = () => true) {
    return this.next<{ v: 1; kind: 'event'; event: Extract<ActorEvent, { type: T }> }>(
      (m) => m.kind === 'event' && m.event.type === type && match(m.event as never),
    ).then((m) => m.event);
  }

  async call(id: number, cmd: string, args: unknown): Promise<ReplyEnvelope> {
    this.proc.send({ v: 1, kind: 'req', id, cmd, args });
    return this.next<ReplyEnvelope>((m) => m.kind === 'res' && m.id === id);
  }
}

describe('session actor process', () => {
  it('exits BAD_CONFIG when init is invalid', async () => {
    const child = new Child();
    child.proc.send(initEnvelope({ sessionId: '../x', mongoUri: 'nope' } as unknown as ActorInitConfig));
    expect(await child.exit).toBe(EXIT_CODES.BAD_CONFIG);
  });

  it('starts from init, reports ready, QR and heartbeats, answers commands, and exits NORMAL on shutdown', async () => {
    await Session.create({ sessionId: 'proc-1', name: 'p1' });
    const child = new Child();
    child.proc.send(initEnvelope(simConfig(sim, 'proc-1', uri, { heartbeatMs: 200 })));
    await child.next((m) => m.kind === 'ready');
    const { qr } = await child.event('qr');
    const hb = await child.next<HeartbeatEnvelope>((m) => m.kind === 'heartbeat');
    expect(hb.rssBytes).toBeGreaterThan(0);
    expect(hb.counters).toMatchObject({ messagesIn: 0, messagesOut: 0 });
    expect(await child.call(1, 'getQr', {})).toMatchObject({ ok: true, result: { qr } });
    expect(await child.call(2, 'nope', {})).toMatchObject({ ok: false, error: { code: RPC_ERROR_CODES.UNKNOWN_COMMAND } });
    expect(await child.call(3, 'presence', { state: 'available' })).toMatchObject({ ok: false, error: { code: 'not_connected' } });
    child.proc.send(shutdownEnvelope(5000));
    expect(await child.exit).toBe(EXIT_CODES.NORMAL);
  });

  it('links, and exits LOGGED_OUT with credentials cleared when the phone removes the device', async () => {
    await Session.create({ sessionId: 'proc-2', name: 'p2' });
    sim.createPhone({ phone: '15550009002', name: 'Proc' });
    const child = new Child();
    child.proc.send(initEnvelope(simConfig(sim, 'proc-2', uri)));
    const { qr } = await child.event('qr');
    await sim.scanQr('15550009002', qr);
    await child.event('connection-state', (e) => e.status === 'connected');
    expect(await AuthState.countDocuments({ sessionId: 'proc-2' })).toBe(1);
    sim.unlink('15550009002');
    expect(await child.exit).toBe(EXIT_CODES.LOGGED_OUT);
    expect(await AuthState.countDocuments({ sessionId: 'proc-2' })).toBe(0);
  });
});
