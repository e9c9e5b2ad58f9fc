/**
 * One HTTP attempt of a webhook delivery: POST the body with its headers, no redirects
 * followed, a deadline on the whole exchange, at most RESPONSE_PEEK_BYTES of the answer read
 * (for the delivery log), and the SSRF guard on the address connected to. From: the lane
 * (lane.ts) or a manual ping → here → next: the receiver.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { ADDRESS_FORBIDDEN, guardedLookup, isPublicAddress } from './addressGuard.ts';

/** Bytes of a response body kept for the delivery log. */
export const RESPONSE_PEEK_BYTES = 2_048;

/** How an attempt went: `ok` for a 2xx answer. */
export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  /** Why it failed (status and the start of the body, or the network error); null when ok. */
  error: string | null;
  latencyMs: number;
}

/** Options of one attempt. */
export interface SendOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  /** Aborts the attempt (dispatcher shutdown). */
  signal?: AbortSignal;
  /** Clock in ms for the latency (injected by tests). */
  now?: () => number;
}

/** Reads at most `limit` bytes of a response, then lets the rest go. */
function peek(res: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).toString('utf8').slice(0, limit));
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) {
        res.destroy();
        done();
      }
    });
    res.on('end', done);
    res.on('error', done);
    res.on('close', done);
  });
}

/** POSTs `body` to `url`; never throws (failures are results, retried by the caller). */
export function postWebhook(url: string, body: string, headers: Record<string, string>, opts: SendOptions): Promise<AttemptResult> {
  const now = opts.now ?? Date.now;
  const started = now();
  const fail = (error: string, statusCode: number | null = null): AttemptResult => ({ ok: false, statusCode, error: error.slice(0, 500), latencyMs: now() - started });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(fail('invalid URL'));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return Promise.resolve(fail('only http and https URLs are allowed'));
  // An IP literal never goes through `lookup`: check it here.
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !opts.allowPrivate && !isPublicAddress(host)) return Promise.resolve(fail(`${ADDRESS_FORBIDDEN}: ${host} is not a public address`));
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (r: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const req = request(target, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
      lookup: guardedLookup(opts.allowPrivate) as never,
      agent: false,
    });
    const timer = setTimeout(() => {
      finish(fail(`timeout after ${opts.timeoutMs} ms`));
      req.destroy();
    }, opts.timeoutMs);
    const onAbort = () => {
      finish(fail('aborted'));
      req.destroy();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err: NodeJS.ErrnoException) => finish(fail(err.code === ADDRESS_FORBIDDEN ? `${ADDRESS_FORBIDDEN}: ${err.message}` : `${err.code ?? 'error'}: ${err.message}`)));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      void peek(res, RESPONSE_PEEK_BYTES).then((text) => {
        if (status >= 200 && status < 300) finish({ ok: true, statusCode: status, error: null, latencyMs: now() - started });
        else finish(fail(`HTTP ${status}${text ? `: ${text.replace(/\s+/g, ' ').trim()}` : ''}`, status));
      });
    });
    req.end(body);
  });
}
