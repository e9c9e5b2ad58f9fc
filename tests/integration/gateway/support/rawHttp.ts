/**
 * Requests through node:http for what fetch refuses to send: the TRACE method, bodies that are
 * streams of any length, and requests whose answer arrives before their body is finished.
 */
import { request } from 'node:http';
import type { Readable } from 'node:stream';

/** The answer to a raw request, the JSON body parsed when it is JSON. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON (any shape: tests assert on it), or the text. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Options of rawRequest. */
export interface RawRequestOptions {
  headers?: Record<string, string>;
  /** A string/Buffer body, or a stream piped as the body. */
  body?: string | Buffer | Readable;
  /** Aborting it hangs up (the client giving up mid-upload). */
  signal?: AbortSignal;
}

/** Sends one request with any method; resolves when the whole answer has arrived. */
export function rawRequest(baseUrl: string, method: string, path: string, opts: RawRequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { method, headers: opts.headers ?? {}, ...(opts.signal ? { signal: opts.signal } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const json = String(res.headers['content-type'] ?? '').includes('json') && text;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: json ? JSON.parse(text) : text });
      });
    });
    req.on('error', reject);
    const body = opts.body;
    if (body === undefined) req.end();
    else if (typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
    else {
      body.on('error', (err) => req.destroy(err));
      body.pipe(req);
    }
  });
}
