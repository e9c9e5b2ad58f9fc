import { decodeBinaryNode, encodeBinaryNode, type BinaryNode, type proto } from '@whiskeysockets/baileys';
import type { WebSocket } from 'ws';
import type { ServerIdentity } from './certs.ts';
import { encodeFrame, FrameReader } from './framing.ts';
import { NoiseResponder, type NoiseTransport } from './noise.ts';
import type { CompanionDevice } from './phone.ts';

/** What a connection asks of the simulator once it is past the handshake. */
export interface ConnectionHandlers {
  onAuthenticated(conn: SimConnection, payload: proto.ClientPayload): void;
  onNode(conn: SimConnection, node: BinaryNode): Promise<void> | void;
  onClose(conn: SimConnection): void;
}

let nextId = 1;

/** One WebSocket from one Baileys client: framing, Noise, binary nodes in strict order. */
export class SimConnection {
  readonly id = nextId++;
  /** Noise static key of the client (its `creds.noiseKey.public`). */
  clientStatic?: Buffer;
  payload?: proto.ClientPayload;
  /** The logged-in companion, once `<success>` was sent. */
  device?: CompanionDevice;
  /** QR refs handed to this registration connection. */
  refs: string[] = [];
  /** Set while a phone pairs this connection: one pairing per connection, whatever code it used. */
  pairing = false;
  /** Answers awaited for IQs the server sent, by id. */
  readonly pending = new Map<string, (answer: BinaryNode) => void>();
  /** State of a pairing-code registration (wa-sim.md §2.5). */
  linkCode?: { phone: string; wrappedEphemeral: Buffer; ref: string; finish?: (iq: BinaryNode) => void };
  /** When true nothing is written (fault: silence). */
  silenced = false;
  closed = false;
  private readonly reader = new FrameReader();
  private noise?: NoiseResponder;
  private transport?: NoiseTransport;
  private chain: Promise<void> = Promise.resolve();
  private sentHello = false;

  constructor(
    readonly ws: WebSocket,
    identity: ServerIdentity,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.noise = new NoiseResponder(identity.staticKey, identity.certChain);
    ws.on('message', (data: Buffer) => this.onData(data));
    ws.on('close', () => this.onClosed());
    ws.on('error', () => this.terminate());
  }

  private onData(data: Buffer): void {
    try {
      for (const frame of this.reader.push(Buffer.from(data))) this.onFrame(frame);
    } catch {
      this.terminate();
    }
  }

  private onFrame(frame: Buffer): void {
    if (this.transport) {
      const plain = this.transport.decrypt(frame);
      this.chain = this.chain
        .then(async () => {
          const decoded = await decodeBinaryNode(plain);
          if (!this.closed) await this.handlers.onNode(this, decoded);
        })
        .catch(() => this.terminate());
      return;
    }
    const noise = this.noise;
    if (!noise) return;
    if (!this.sentHello) {
      this.sentHello = true;
      this.writeRaw(encodeFrame(noise.serverHello(frame)));
      return;
    }
    const { clientStatic, payload, transport } = noise.clientFinish(frame);
    this.noise = undefined;
    this.transport = transport;
    this.clientStatic = clientStatic;
    this.payload = payload;
    this.handlers.onAuthenticated(this, payload);
  }

  private writeRaw(bytes: Buffer): void {
    if (this.closed || this.silenced) return;
    this.ws.send(bytes);
  }

  /** Encrypts and sends one binary node. */
  send(n: BinaryNode): void {
    if (!this.transport || this.closed || this.silenced) return;
    this.writeRaw(encodeFrame(this.transport.encrypt(encodeBinaryNode(n))));
  }

  /** Sends a server IQ and waits for the client's answer with the same id. */
  query(n: BinaryNode, timeoutMs = 10_000): Promise<BinaryNode> {
    const id = n.attrs.id ?? '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to server iq ${id}`));
      }, timeoutMs);
      this.pending.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.send(n);
    });
  }

  /** Sends a node and then closes the socket cleanly. */
  sendAndClose(n: BinaryNode): void {
    this.send(n);
    this.close();
  }

  /** Closes the WebSocket cleanly. */
  close(): void {
    if (this.closed) return;
    this.ws.close();
    this.onClosed();
  }

  /** Drops the TCP connection without a close frame. */
  terminate(): void {
    this.ws.terminate();
    this.onClosed();
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.handlers.onClose(this);
  }
}
