import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baileysLibsignal, isolateSessionTrials } from './signalTrials.ts';

interface KeyPair {
  pubKey: Buffer;
  privKey: Buffer;
}
interface Record {
  serialize(): unknown;
}
interface Lib {
  curve: { generateKeyPair(): KeyPair; calculateSignature(priv: Buffer, msg: Buffer): Buffer };
  ProtocolAddress: new (name: string, device: number) => { toString(): string };
  SessionBuilder: new (store: Party, addr: unknown) => { initOutgoing(bundle: unknown): Promise<void> };
  SessionCipher: new (store: Party, addr: unknown) => {
    encrypt(data: Buffer): Promise<{ type: number; body: string }>;
    decryptWhisperMessage(data: Buffer): Promise<Buffer>;
    decryptPreKeyWhisperMessage(data: Buffer): Promise<Buffer>;
  };
  SessionRecord: { deserialize(data: unknown): Record };
}

const lib = baileysLibsignal() as unknown as Lib;

/** One side of a conversation with a libsignal store that keeps records serialised, like Baileys'. */
class Party {
  readonly identity = lib.curve.generateKeyPair();
  readonly signed = lib.curve.generateKeyPair();
  readonly registrationId: number;
  private readonly preKeys = new Map<number, KeyPair>();
  private readonly sessions = new Map<string, unknown>();
  private nextPreKey = 1;

  constructor(
    readonly name: string,
    registrationId: number,
  ) {
    this.registrationId = registrationId;
  }

  bundle() {
    const id = this.nextPreKey++;
    const pre = lib.curve.generateKeyPair();
    this.preKeys.set(id, pre);
    return {
      registrationId: this.registrationId,
      identityKey: this.identity.pubKey,
      signedPreKey: { keyId: 1, publicKey: this.signed.pubKey, signature: lib.curve.calculateSignature(this.identity.privKey, this.signed.pubKey) },
      preKey: { keyId: id, publicKey: pre.pubKey },
    };
  }

  async loadSession(id: string) {
    const data = this.sessions.get(id);
    return data ? lib.SessionRecord.deserialize(data) : undefined;
  }
  async storeSession(id: string, record: Record) {
    this.sessions.set(id, record.serialize());
  }
  isTrustedIdentity() {
    return true;
  }
  async loadPreKey(id: number) {
    return this.preKeys.get(Number(id));
  }
  removePreKey(id: number) {
    this.preKeys.delete(Number(id));
  }
  loadSignedPreKey() {
    return this.signed;
  }
  getOurRegistrationId() {
    return this.registrationId;
  }
  getOurIdentity() {
    return this.identity;
  }
}

type Wire = { type: number; body: Buffer };

async function send(from: Party, to: Party, text: string): Promise<Wire> {
  const { type, body } = await new lib.SessionCipher(from, new lib.ProtocolAddress(to.name, 0)).encrypt(Buffer.from(text));
  return { type, body: Buffer.from(body, 'binary') };
}

async function receive(at: Party, from: Party, wire: Wire): Promise<string> {
  const cipher = new lib.SessionCipher(at, new lib.ProtocolAddress(from.name, 0));
  const plain = wire.type === 3 ? await cipher.decryptPreKeyWhisperMessage(wire.body) : await cipher.decryptWhisperMessage(wire.body);
  return plain.toString();
}

/**
 * Bob sends on session 1, then opens session 2 (a retry, a restart) and sends on it; the older
 * message arrives last, so Alice tries session 2 (the most recently used) before session 1.
 * Then Alice answers on her open session, session 2. Resolves with what Bob reads, or the error.
 */
let run = 0;
async function lateMessageOnOlderSession(): Promise<string> {
  run += 1;
  const alice = new Party(`alice${run}`, 11);
  const bob = new Party(`bob${run}`, 22);
  await new lib.SessionBuilder(alice, new lib.ProtocolAddress(bob.name, 0)).initOutgoing(bob.bundle());
  expect(await receive(bob, alice, await send(alice, bob, 'hi bob'))).toBe('hi bob');
  expect(await receive(alice, bob, await send(bob, alice, 'hi alice'))).toBe('hi alice');
  const late = await send(bob, alice, 'sent on session 1, delivered late');
  await new lib.SessionBuilder(bob, new lib.ProtocolAddress(alice.name, 0)).initOutgoing(alice.bundle());
  expect(await receive(alice, bob, await send(bob, alice, 'on session 2'))).toBe('on session 2');
  expect(await receive(alice, bob, late)).toBe('sent on session 1, delivered late');
  return receive(bob, alice, await send(alice, bob, 'answer on session 2')).catch((err: unknown) => `error: ${String(err)}`);
}

describe('isolated session trials', () => {
  it('patches the libsignal Baileys loads (our pinned dependency is the same package)', () => {
    const baileysEntry = fileURLToPath(import.meta.resolve('@whiskeysockets/baileys'));
    expect(baileysLibsignal()).toBe(createRequire(baileysEntry)('libsignal'));
  });

  it('keeps a session intact when a message for another session of the record is tried on it first', async () => {
    // Unpatched libsignal-node steps session 2's ratchet while failing to decrypt the late
    // message with it, stores it so, and Bob cannot read Alice's next message.
    expect(await lateMessageOnOlderSession()).toMatch(/^error: /);
    isolateSessionTrials();
    isolateSessionTrials(); // idempotent
    expect(await lateMessageOnOlderSession()).toBe('answer on session 2');
  });
});
