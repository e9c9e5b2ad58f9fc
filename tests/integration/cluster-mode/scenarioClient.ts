/**
 * The client side of the cluster scenario (threeNodesScenario.ts): a Socket.IO watcher that logs
 * every event with its arrival time and lets callers wait on it, and small concurrency helpers.
 */
import { io as connect, type Socket } from 'socket.io-client';

/** One logged socket event with its arrival time. */
export interface Logged {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- socket payloads of any event
  payload: any;
  at: number;
}

type Client = Socket;

/** A Socket.IO client that logs every event with its arrival time and lets callers wait on it. */
export class Watcher {
  readonly log: Logged[] = [];
  private waiters: { from: number; match: (e: Logged) => boolean; resolve: (e: Logged) => void }[] = [];
  constructor(readonly socket: Client) {
    socket.onAny((name: string, payload: unknown) => {
      const e = { name, payload, at: Date.now() };
      this.log.push(e);
      const i = this.log.length - 1;
      this.waiters = this.waiters.filter((w) => (i >= w.from && w.match(e) ? (w.resolve(e), false) : true));
    });
  }

  /** The first event at index ≥ `from` matching `match`, logged already or later. */
  waitFor(match: (e: Logged) => boolean, from = 0): Promise<Logged> {
    const hit = this.log.slice(from).find(match);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve) => this.waiters.push({ from, match, resolve }));
  }
}

export function connectWatcher(url: string, token: string): Promise<Watcher> {
  const socket = connect(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const watcher = new Watcher(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(watcher));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Runs `job` over `items`, `width` at a time. */
export async function pool<T>(items: readonly T[], width: number, job: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await job(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** Rejects after `ms` unless `task` settles first. */
export function within<T>(ms: number, what: () => string, task: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what()}: not within ${ms} ms`)), ms)));
  return Promise.race([task, late]).finally(() => clearTimeout(timer));
}

export const isConnected = (id: string) => (e: Logged) => e.name === 'connected' && e.payload?.sessionId === id && e.payload?.connected === true;
