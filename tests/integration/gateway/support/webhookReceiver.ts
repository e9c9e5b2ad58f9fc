/**
 * A real HTTP receiver for the webhook tests: records every request (headers, raw body, the
 * status it answered) and answers what the test says. It can stop (connections are refused)
 * and listen again on the same port, as a receiver that goes down and comes back.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  /** The status it answered. */
  status: number;
}

/** The receiver. */
export interface Receiver {
  readonly requests: Received[];
  /** Status to answer a request with (default 200). */
  answer: (req: Omit<Received, 'status'>) => number;
  url(path?: string): string;
  /** Resolves with the first request (from index `from` on) matching `pred`. */
  waitFor(pred: (r: Received) => boolean, from?: number): Promise<Received>;
  /** Stops listening: connections are refused until `listen()`. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  listen(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1. */
export async function startReceiver(): Promise<Receiver> {
  const events = new EventEmitter();
  const requests: Received[] = [];
  let port = 0;
  let server: Server;
  const receiver: Receiver = {
    requests,
    answer: () => 200,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    waitFor(pred, from = 0) {
      const found = requests.slice(from).find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => {
        const onRequest = (r: Received) => {
          if (requests.indexOf(r) < from || !pred(r)) return;
          events.off('request', onRequest);
          resolve(r);
        };
        events.on('request', onRequest);
      });
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    async listen() {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const seen = { headers: req.headers, body, json: JSON.parse(body) };
          const status = receiver.answer(seen);
          const r: Received = { ...seen, status };
          requests.push(r);
          res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'try later');
          events.emit('request', r);
        });
      });
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    },
  };
  await receiver.listen();
  return receiver;
}
