import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { Curve, hkdf, NOISE_MODE, proto } from '@whiskeysockets/baileys';
import { newKeyPair, type RawKeyPair } from './certs.ts';
import { WA_HEADER } from './framing.ts';

function iv(counter: number): Buffer {
  const out = Buffer.alloc(12);
  out.writeUInt32BE(counter >>> 0, 8);
  return out;
}

function gcmEncrypt(key: Buffer, n: number, aad: Buffer, plain: Uint8Array): Buffer {
  const c = createCipheriv('aes-256-gcm', key, iv(n));
  c.setAAD(aad);
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

function gcmDecrypt(key: Buffer, n: number, aad: Buffer, data: Uint8Array): Buffer {
  const buf = Buffer.from(data);
  const d = createDecipheriv('aes-256-gcm', key, iv(n));
  d.setAAD(aad);
  d.setAuthTag(buf.subarray(buf.length - 16));
  return Buffer.concat([d.update(buf.subarray(0, buf.length - 16)), d.final()]);
}

/** Post-handshake cipher state: separate counters per direction, empty AAD (wa-sim.md §1.3 step 7). */
export class NoiseTransport {
  private readCounter = 0;
  private writeCounter = 0;
  constructor(
    private readonly decKey: Buffer,
    private readonly encKey: Buffer,
  ) {}
  /** Encrypts one outgoing frame payload. */
  encrypt(plain: Uint8Array): Buffer {
    return gcmEncrypt(this.encKey, this.writeCounter++, Buffer.alloc(0), plain);
  }
  /** Decrypts one incoming frame payload. */
  decrypt(data: Uint8Array): Buffer {
    return gcmDecrypt(this.decKey, this.readCounter++, Buffer.alloc(0), data);
  }
}

/** Noise_XX_25519_AESGCM_SHA256 responder, byte-compatible with Baileys' initiator. */
export class NoiseResponder {
  private h: Buffer;
  private ck: Buffer;
  private k: Buffer;
  private n = 0;
  private ephemeral: RawKeyPair = newKeyPair();

  constructor(
    private readonly staticKey: RawKeyPair,
    private readonly certChain: Uint8Array,
  ) {
    const mode = Buffer.from(NOISE_MODE);
    this.h = mode.length === 32 ? mode : createHash('sha256').update(mode).digest();
    this.ck = this.h;
    this.k = this.h;
    this.mixHash(WA_HEADER);
  }

  private mixHash(data: Uint8Array): void {
    this.h = createHash('sha256').update(this.h).update(data).digest();
  }

  private mixKey(ikm: Uint8Array): void {
    const out = Buffer.from(hkdf(Buffer.from(ikm), 64, { salt: this.ck, info: '' }));
    this.ck = out.subarray(0, 32);
    this.k = out.subarray(32, 64);
    this.n = 0;
  }

  private enc(plain: Uint8Array): Buffer {
    const c = gcmEncrypt(this.k, this.n++, this.h, plain);
    this.mixHash(c);
    return c;
  }

  private dec(data: Uint8Array): Buffer {
    const p = gcmDecrypt(this.k, this.n++, this.h, data);
    this.mixHash(data);
    return p;
  }

  /** Handles the ClientHello frame and returns the encoded ServerHello frame payload. */
  serverHello(frame: Uint8Array): Uint8Array {
    const hello = proto.HandshakeMessage.decode(frame).clientHello;
    const clientEphemeral = hello?.ephemeral;
    if (!clientEphemeral || clientEphemeral.length !== 32) throw new Error('bad client hello');
    this.mixHash(clientEphemeral);
    this.mixHash(this.ephemeral.public);
    this.mixKey(Curve.sharedKey(this.ephemeral.private, Buffer.from(clientEphemeral)));
    const encStatic = this.enc(this.staticKey.public);
    this.mixKey(Curve.sharedKey(this.staticKey.private, Buffer.from(clientEphemeral)));
    const payload = this.enc(this.certChain);
    return proto.HandshakeMessage.encode({
      serverHello: { ephemeral: this.ephemeral.public, static: encStatic, payload },
    }).finish();
  }

  /** Handles ClientFinish: returns the client's static key, its ClientPayload and the transport. */
  clientFinish(frame: Uint8Array): { clientStatic: Buffer; payload: proto.ClientPayload; transport: NoiseTransport } {
    const finish = proto.HandshakeMessage.decode(frame).clientFinish;
    if (!finish?.static || !finish.payload) throw new Error('bad client finish');
    const clientStatic = this.dec(finish.static);
    this.mixKey(Curve.sharedKey(this.ephemeral.private, clientStatic));
    const payload = proto.ClientPayload.decode(this.dec(finish.payload));
    const out = Buffer.from(hkdf(Buffer.alloc(0), 64, { salt: this.ck, info: '' }));
    const transport = new NoiseTransport(out.subarray(0, 32), out.subarray(32, 64));
    return { clientStatic, payload, transport };
  }
}
