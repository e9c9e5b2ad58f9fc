/**
 * The WhatsApp simulator in a process of its own, for the cluster benchmark (issue 13).
 * WhatsApp is not on the node in production: with the simulator inside the benchmark's process,
 * which hosts the supervisor and the hub under test, its work and its garbage-collection pauses
 * held up event relaying, and the hub's held up message generation. Here it runs in a child
 * (sim-child.ts, under the benchmark's own tsx loader) driven over IPC, and each load runs
 * there whole: its sends cost no request each, and their times come back with the load's list
 * (cluster-load.ts). Benchmark code: it measures, it never asserts.
 */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadSource, Sent } from './cluster-load.ts';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'sim-child.ts');

/** Requests to the simulator's process. */
export type SimRequest = { id: number } & (
  | { op: 'createPhone' | 'createContact'; phone: string }
  | { op: 'scanQr'; phone: string; qr: string }
  | { op: 'inbound'; contact: string; phones: string[]; perSession: number }
  | { op: 'paced'; contact: string; phones: string[]; perSecond: number; count: number }
  | { op: 'stop' }
);

/** What the simulator's process sends back. */
export type SimReply =
  | { kind: 'ready'; wsUrl: string; trustRootHex: string; caCertPath: string }
  | { kind: 'reply'; id: number; result?: unknown; error?: string };

type Body<R> = R extends unknown ? Omit<R, 'id'> : never;

/** What the cluster benchmark asks of the simulator. */
export interface SimProcess extends LoadSource {
  pid: number;
  wsUrl: string;
  trustRootHex: string;
  caCertPath: string;
  /** Phones created through this handle. */
  phones: Set<string>;
  createPhone(opts: { phone: string }): Promise<void>;
  scanQr(phone: string, qr: string): Promise<void>;
  createContact(opts: { phone: string }): Promise<void>;
  stop(): Promise<void>;
}

/** Forks the simulator's process and resolves once it serves. */
export async function startSimProcess(): Promise<SimProcess> {
  const child = fork(CHILD, [], { execArgv: process.execArgv, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting = new Map<number, { resolve(result: unknown): void; reject(err: Error): void }>();
  let ready!: (r: Extract<SimReply, { kind: 'ready' }>) => void;
  const served = new Promise<Extract<SimReply, { kind: 'ready' }>>((resolve) => (ready = resolve));
  child.on('message', (msg: SimReply) => {
    if (msg.kind === 'ready') return ready(msg);
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.error !== undefined) w?.reject(new Error(`simulator: ${msg.error}`));
    else w?.resolve(msg.result);
  });
  void exited.then(() => {
    for (const w of waiting.values()) w.reject(new Error('simulator process exited'));
    waiting.clear();
  });
  const info = await Promise.race([served, exited.then(() => Promise.reject(new Error('simulator process exited before it served')))]);
  let next = 0;
  const call = <T>(body: Body<SimRequest>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve: resolve as (r: unknown) => void, reject });
      child.send({ ...body, id });
    });
  const phones = new Set<string>();
  return {
    pid: child.pid!,
    wsUrl: info.wsUrl,
    trustRootHex: info.trustRootHex,
    caCertPath: info.caCertPath,
    phones,
    async createPhone({ phone }) {
      phones.add(phone);
      await call({ op: 'createPhone', phone });
    },
    scanQr: (phone, qr) => call({ op: 'scanQr', phone, qr }),
    createContact: ({ phone }) => call({ op: 'createContact', phone }),
    inbound: (contact, phones, perSession) => call<Sent[]>({ op: 'inbound', contact, phones, perSession }),
    paced: (contact, phones, perSecond, count) => call<Sent[]>({ op: 'paced', contact, phones, perSecond, count }),
    async stop() {
      await call({ op: 'stop' }).catch(() => undefined);
      child.disconnect();
      await exited;
    },
  };
}
