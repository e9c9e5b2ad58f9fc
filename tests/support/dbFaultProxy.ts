/**
 * A TCP proxy in front of the test database that can break connections on cue: the real
 * database behind a real network fault, for tests of what our code does when a query dies
 * mid-flight (a "database blip"). Point a connection at `uriFor(dbUri)`, then arm a fault:
 * `failCommand('find', 'media', 2)` resets the connection carrying each of the next two
 * `find` commands on collection `media` (the driver's own retry included), so exactly that
 * query fails with a MongoNetworkError while everything else keeps working. It can also count
 * commands (`watch`) and hold one back until the test lets it go (`hold`).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A running proxy. */
export interface DbFaultProxy {
  /** `uri` with its host and port replaced by the proxy's. */
  uriFor(uri: string): string;
  /**
   * Resets the connection of each of the next `times` commands named `command` on `collection`.
   * Resolves once all of them were cut.
   */
  failCommand(command: string, collection: string, times: number): Promise<void>;
  /** Disarms the fault armed last (for an outage of unknown length: arm many, then disarm). */
  disarm(): void;
  /** Commands cut so far. */
  readonly cuts: number;
  /**
   * Starts counting commands named `command` on `collection` that pass through; `count` is the
   * count so far, `until(n)` resolves once it reaches n.
   */
  watch(command: string, collection: string): Watch;
  /**
   * Holds the next command named `command` on `collection` (and whatever its connection sends
   * after it) until `release()`; `reached` resolves once it is held. Other connections go on.
   */
  hold(command: string, collection: string): { reached: Promise<void>; release(): void };
  stop(): Promise<void>;
}

/** A count of passing commands. */
export interface Watch {
  readonly count: number;
  until(n: number): Promise<void>;
}

/** The bytes of a BSON string element `{<command>: "<collection>"}` as the driver writes it first in an OP_MSG body. */
function commandPattern(command: string, collection: string): Buffer {
  const value = Buffer.from(`${collection}\0`);
  const len = Buffer.alloc(4);
  len.writeInt32LE(value.length);
  return Buffer.concat([Buffer.from([0x02]), Buffer.from(`${command}\0`), len, value]);
}

/** Starts a proxy to the server of `targetUri` on a free loopback port. */
export async function startDbFaultProxy(targetUri: string): Promise<DbFaultProxy> {
  const target = new URL(targetUri);
  const sockets = new Set<Socket>();
  let armed: { pattern: Buffer; left: number; done: () => void } | null = null;
  let cuts = 0;
  const watches: Array<{ pattern: Buffer; count: number; waiters: { n: number; resolve(): void }[] }> = [];
  let holding: { pattern: Buffer; reached(): void; release: Promise<void> } | null = null;

  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 27017), target.hostname);
    sockets.add(client).add(upstream);
    let tail = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      const fault = armed;
      if (fault) {
        // Keep the end of the previous chunk: a command may straddle two chunks.
        const seen = Buffer.concat([tail, chunk]);
        tail = seen.subarray(Math.max(0, seen.length - fault.pattern.length));
        if (seen.includes(fault.pattern)) {
          cuts += 1;
          fault.left -= 1;
          if (fault.left <= 0) {
            armed = null;
            fault.done();
          }
          client.resetAndDestroy();
          upstream.destroy();
          return;
        }
      }
      if (paused) {
        paused.push(chunk);
        return;
      }
      const hold = holding;
      if (hold && chunk.includes(hold.pattern)) {
        holding = null;
        const queued = (paused = [chunk]);
        void hold.release.then(() => {
          paused = null;
          for (const c of queued) forward(c);
        });
        hold.reached();
        return;
      }
      forward(chunk);
    });
    // Chunks of a held connection, in order, until its hold is released.
    let paused: Buffer[] | null = null;
    const forward = (chunk: Buffer) => {
      // A watched command is counted once per chunk that carries it (one command per OP_MSG chunk here).
      for (const w of watches) {
        if (!chunk.includes(w.pattern)) continue;
        w.count += 1;
        for (const waiter of w.waiters.filter((x) => w.count >= x.n)) {
          w.waiters.splice(w.waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      upstream.write(chunk);
    };
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    uriFor(uri) {
      const u = new URL(uri);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      // One server, reached through the proxy: never try to discover others behind it.
      u.searchParams.set('directConnection', 'true');
      return u.toString();
    },
    failCommand(command, collection, times) {
      return new Promise((resolve) => {
        armed = { pattern: commandPattern(command, collection), left: times, done: resolve };
      });
    },
    disarm() {
      const fault = armed;
      armed = null;
      fault?.done();
    },
    get cuts() {
      return cuts;
    },
    watch(command, collection) {
      const w = { pattern: commandPattern(command, collection), count: 0, waiters: [] as { n: number; resolve(): void }[] };
      watches.push(w);
      return {
        get count() {
          return w.count;
        },
        until: (n: number) => (w.count >= n ? Promise.resolve() : new Promise<void>((resolve) => w.waiters.push({ n, resolve }))),
      };
    },
    hold(command, collection) {
      let release!: () => void;
      let reached!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const isReached = new Promise<void>((resolve) => (reached = resolve));
      holding = { pattern: commandPattern(command, collection), reached, release: released };
      return { reached: isReached, release };
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
