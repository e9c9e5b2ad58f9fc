import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { node } from './nodes.ts';
import type { LocalTls } from './tls.ts';
import type { BinaryNode, proto } from '@whiskeysockets/baileys';

/** An 8x8 green JPEG served as the default profile picture. */
export const DEFAULT_PICTURE = Buffer.from(
  '/9j/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCwAFJP/9k=',
  'base64',
);

const MAX_UPLOAD = 64 * 1024 * 1024;

/** Encrypted media blobs by direct path, plus profile pictures, served over HTTP and HTTPS. */
export class MediaStore {
  readonly auth = randomBytes(18).toString('base64url');
  private readonly blobs = new Map<string, Buffer>();
  /** Recipient phone of each blob a contact sent, for download faults. */
  private readonly recipients = new Map<string, string>();
  /** Asked before serving a blob sent to `phone`: an HTTP status to answer instead (a fault). */
  downloadFault: (phone: string) => number | undefined = () => undefined;
  /** Asked before serving a blob sent to `phone`: true expires it now (a `media-expired` fault). */
  expiryFault: (phone: string) => boolean = () => false;
  /** Blobs whose URL expired: 410 until the sender re-uploads them (a media retry). */
  private readonly expired = new Map<string, Buffer>();
  /** The media of each message a contact sent, by message id: what a media retry re-uploads. */
  private readonly byMessage = new Map<string, { path: string; mediaKey: Uint8Array }>();
  /** Profile pictures by user digits (null = no picture). */
  readonly pictures = new Map<string, Buffer | null>();
  httpsHost = '';
  httpHost = '';
  /** While set, finished uploads wait for it before they are answered (`holdUploads`). */
  private uploadGate: Promise<void> | null = null;
  /** Told when an upload arrived whole and waits for the gate. */
  onUploadHeld: () => void = () => undefined;

  /**
   * Uploads (from any companion) are answered only once the returned function is called, as
   * over a slow network; each upload that arrives whole meanwhile calls `onUploadHeld` (the
   * simulator emits `upload-held`). Tests call it as `sim.media.holdUploads()`.
   */
  holdUploads(): () => void {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.uploadGate = gate;
    return () => {
      if (this.uploadGate === gate) this.uploadGate = null;
      release();
    };
  }

  /** Stores an encrypted blob (sent to `recipient`, when a contact sent it) and returns its direct path (`/v/t62…/<hex>.enc`, no `@`). */
  put(blob: Buffer, recipient?: string): string {
    const path = `/v/t62.7118-24/${randomBytes(16).toString('hex')}.enc`;
    this.blobs.set(path, blob);
    if (recipient) this.recipients.set(path, recipient);
    return path;
  }

  /** Remembers the media a contact's message carries (if any), for a later re-upload request. */
  rememberMessage(messageId: string, message: proto.IMessage): void {
    const m = message.imageMessage ?? message.videoMessage ?? message.audioMessage ?? message.documentMessage ?? message.stickerMessage;
    const where = m?.directPath ?? (m?.url ? new URL(m.url).pathname : undefined);
    if (m?.mediaKey && where) this.byMessage.set(messageId, { path: where, mediaKey: m.mediaKey });
  }

  /** The media key of a message's media, when a contact sent it with media. */
  mediaKeyOf(messageId: string): Uint8Array | undefined {
    return this.byMessage.get(messageId)?.mediaKey;
  }

  /** Makes a blob's URL expire: downloads answer 410 until it is re-uploaded. */
  expire(path: string): void {
    const blob = this.blobs.get(path);
    if (!blob) return;
    this.blobs.delete(path);
    this.expired.set(path, blob);
  }

  /** The sender's phone uploads a message's media again: a new direct path (undefined when unknown). */
  reupload(messageId: string): string | undefined {
    const sent = this.byMessage.get(messageId);
    const blob = sent && (this.blobs.get(sent.path) ?? this.expired.get(sent.path));
    if (!sent || !blob) return undefined;
    const path = this.put(blob, this.recipients.get(sent.path));
    this.byMessage.set(messageId, { ...sent, path });
    return path;
  }

  /** Looks a blob up by direct path or full URL. */
  get(pathOrUrl: string): Buffer | undefined {
    const path = pathOrUrl.startsWith('/') ? pathOrUrl : new URL(pathOrUrl).pathname;
    return this.blobs.get(path);
  }

  /** The `<media_conn>` IQ answer pointing at the HTTPS server (wa-sim.md §6.1). */
  mediaConn(): BinaryNode {
    return node('media_conn', { auth: this.auth, ttl: 300 }, [
      node('host', { hostname: this.httpsHost, maxContentLengthBytes: MAX_UPLOAD }),
    ]);
  }

  /** Handles upload, blob download and profile-picture requests; false when the path is not ours. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname.startsWith('/mms/')) {
      this.upload(req, res, url);
      return true;
    }
    if (req.method === 'GET' && url.pathname.startsWith('/v/')) {
      const recipient = this.recipients.get(url.pathname);
      if (recipient && this.blobs.has(url.pathname) && this.expiryFault(recipient)) this.expire(url.pathname);
      if (this.expired.has(url.pathname)) {
        res.writeHead(410).end();
        return true;
      }
      const failWith = recipient ? this.downloadFault(recipient) : undefined;
      if (failWith) {
        res.writeHead(failWith).end();
        return true;
      }
      const blob = this.blobs.get(url.pathname);
      res.writeHead(blob ? 200 : 404, { 'content-type': 'application/octet-stream' });
      res.end(blob ?? '');
      return true;
    }
    const pic = /^\/pp\/(\d+)\/(?:image|preview)\.jpg$/.exec(url.pathname);
    if (req.method === 'GET' && pic) {
      const bytes = this.pictures.get(pic[1] ?? '') ?? DEFAULT_PICTURE;
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(bytes);
      return true;
    }
    return false;
  }

  private upload(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (url.searchParams.get('auth') !== this.auth) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":"bad auth"}');
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_UPLOAD) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_UPLOAD) {
        res.writeHead(413).end();
        return;
      }
      const answer = (): void => {
        const path = this.put(Buffer.concat(chunks));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ url: `https://${this.httpsHost}${path}`, direct_path: path }));
      };
      const gate = this.uploadGate;
      if (!gate) return answer();
      this.onUploadHeld();
      void gate.then(answer);
    });
  }
}

/** Starts the HTTPS media server (uploads always use https, wa-sim.md §6.2). */
export async function startHttpsMedia(tls: LocalTls, store: MediaStore, host: string): Promise<Server> {
  const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    if (!store.handle(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const advertised = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  store.httpsHost = `${advertised}:${(server.address() as AddressInfo).port}`;
  return server;
}
