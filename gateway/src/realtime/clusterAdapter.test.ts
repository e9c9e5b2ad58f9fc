import { createServer, type Server as HttpServer } from 'node:http';
import { Writable } from 'node:stream';
import type { HubEvent } from '@switchboard/shared';
import { pino } from 'pino';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRedis, type TestRedis } from '../../../tests/support/redis.ts';
import type { RealtimeServer } from './clientState.ts';
import { attachClusterAdapter, type ClusterRelay } from './clusterAdapter.ts';

/** A logger whose lines the test can wait for. */
function watchedLogger() {
  const lines: string[] = [];
  const waiters: Array<{ text: string; resolve(): void }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      const line = chunk.toString();
      lines.push(line);
      for (const w of [...waiters]) {
        if (!line.includes(w.text)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      done();
    },
  });
  return {
    logger: pino({ level: 'debug' }, stream),
    waitFor: (text: string) => (lines.some((l) => l.includes(text)) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ text, resolve }))),
  };
}

/** One node's Socket.IO server with the relay; remote hub events land in `got`. */
function node(redisUrl: string, logger = pino({ level: 'silent' })) {
  const http: HttpServer = createServer();
  const io = new Server(http) as unknown as RealtimeServer;
  const got: HubEvent[] = [];
  const waiters: Array<(e: HubEvent) => void> = [];
  let refreshed: (userId: string | null) => void = () => undefined;
  const relay: ClusterRelay = attachClusterAdapter(
    io,
    { redisUrl, key: 'test-io' },
    (e) => {
      got.push(e);
      waiters.splice(0).forEach((w) => w(e));
    },
    logger,
    (userId) => refreshed(userId),
  );
  return {
    io,
    relay,
    got,
    nextRefresh: () => new Promise<string | null>((resolve) => (refreshed = resolve)),
    next: () => new Promise<HubEvent>((resolve) => waiters.push(resolve)),
    async close() {
      await relay.close();
      io.engine.close();
      http.close();
    },
  };
}

const event = (seq: number): HubEvent => ({ type: 'qr', sessionId: 's1', seq, at: 1_000 + seq, qr: `qr-${seq}` }) as unknown as HubEvent;

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe('attachClusterAdapter', () => {
  it("relays a node's hub events and refresh requests to the other nodes, in order, and not back to itself", async () => {
    const a = node(redis.url);
    const b = node(redis.url);
    // The adapters subscribe asynchronously: wait until Redis counts both nodes.
    await vi.waitFor(async () => expect(await a.io.of('/').adapter.serverCount()).toBe(2), { timeout: 5_000 });
    const first = b.next();
    a.relay.publish(event(1));
    expect(await first).toMatchObject({ sessionId: 's1', seq: 1, qr: 'qr-1' });
    const third = new Promise<void>((resolve) => {
      const check = () => (b.got.length >= 3 ? resolve() : void b.next().then(check));
      check();
    });
    a.relay.publish(event(2));
    a.relay.publish(event(3));
    await third;
    expect(b.got.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(a.got).toEqual([]);

    // A user's permissions changed on node a: node b re-authorises that user's sockets too.
    const refresh = b.nextRefresh();
    a.relay.refresh('user-1');
    expect(await refresh).toBe('user-1');
    const all = b.nextRefresh();
    a.relay.refresh(null);
    expect(await all).toBeNull();
    await a.close();
    await b.close();
  });

  it('keeps the node alive when Redis is down: the failed publish is logged, not thrown', async () => {
    const own = await startRedis();
    const watched = watchedLogger();
    const a = node(own.url, watched.logger);
    await own.stop();
    a.relay.publish(event(4));
    await watched.waitFor('redis publish failed');
    await a.close();
  });
});
