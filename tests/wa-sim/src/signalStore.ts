import { randomInt } from 'node:crypto';
import { SessionRecord, signalCurve, type SignalKeyPair, type SignalStorage } from './signalLib.ts';

/** JSON form of a store (base64 keys; sessions as libsignal serialises them). */
export interface SignalStoreState {
  identity: { pub: string; priv: string };
  registrationId: number;
  signedPreKey: { keyId: number; pub: string; priv: string; signature: string };
  preKeys: Array<[number, string, string]>;
  sessions: Record<string, unknown>;
  nextPreKeyId: number;
}

const b64 = (b: Buffer) => b.toString('base64');
const buf = (s: string) => Buffer.from(s, 'base64');

/** In-memory libsignal store for one simulated contact (identity, pre-keys, sessions). */
export class SignalStore implements SignalStorage {
  identity: SignalKeyPair = signalCurve.generateKeyPair();
  registrationId = randomInt(1, 16380);
  signedPreKey: { keyId: number; keyPair: SignalKeyPair; signature: Buffer };
  private readonly preKeys = new Map<number, SignalKeyPair>();
  private readonly sessions = new Map<string, SessionRecord>();
  private nextPreKeyId = 1;

  constructor() {
    const keyPair = signalCurve.generateKeyPair();
    this.signedPreKey = { keyId: 1, keyPair, signature: signalCurve.calculateSignature(this.identity.privKey, keyPair.pubKey) };
  }

  /** Exports everything needed to restore this contact's Signal state. */
  exportState(): SignalStoreState {
    return {
      identity: { pub: b64(this.identity.pubKey), priv: b64(this.identity.privKey) },
      registrationId: this.registrationId,
      signedPreKey: { keyId: this.signedPreKey.keyId, pub: b64(this.signedPreKey.keyPair.pubKey), priv: b64(this.signedPreKey.keyPair.privKey), signature: b64(this.signedPreKey.signature) },
      preKeys: [...this.preKeys].map(([id, k]) => [id, b64(k.pubKey), b64(k.privKey)]),
      sessions: Object.fromEntries([...this.sessions].map(([id, record]) => [id, record.serialize()])),
      nextPreKeyId: this.nextPreKeyId,
    };
  }

  /** Restores state written by `exportState`. */
  importState(state: SignalStoreState): void {
    this.identity = { pubKey: buf(state.identity.pub), privKey: buf(state.identity.priv) };
    this.registrationId = state.registrationId;
    const skp = state.signedPreKey;
    this.signedPreKey = { keyId: skp.keyId, keyPair: { pubKey: buf(skp.pub), privKey: buf(skp.priv) }, signature: buf(skp.signature) };
    this.preKeys.clear();
    for (const [id, pub, priv] of state.preKeys) this.preKeys.set(id, { pubKey: buf(pub), privKey: buf(priv) });
    this.sessions.clear();
    for (const [id, data] of Object.entries(state.sessions)) this.sessions.set(id, SessionRecord.deserialize(data as never));
    this.nextPreKeyId = state.nextPreKeyId;
  }

  /** Creates a one-time pre-key to hand out in a key bundle. */
  issuePreKey(): { keyId: number; keyPair: SignalKeyPair } {
    const keyId = this.nextPreKeyId++;
    const keyPair = signalCurve.generateKeyPair();
    this.preKeys.set(keyId, keyPair);
    return { keyId, keyPair };
  }

  /** Forgets every session (used to simulate a reinstalled contact or undecryptable traffic). */
  clearSessions(): void {
    this.sessions.clear();
  }

  /**
   * Closes the open session with one address without forgetting it, as libsignal's own
   * SessionBuilder does: the next send opens a fresh session from a pre-key bundle, while
   * messages the peer already encrypted with the old one still decrypt.
   */
  closeOpenSession(id: string): void {
    const record = this.sessions.get(id) as unknown as { getOpenSession(): { indexInfo: { closed: number } } | undefined } | undefined;
    const open = record?.getOpenSession();
    if (open) open.indexInfo.closed = Date.now();
  }

  // Records are handed out and stored as copies, like a client's database does: work that
  // fails half-way (a pre-key message whose MAC does not verify) leaves no trace.
  async loadSession(id: string): Promise<SessionRecord | undefined> {
    const record = this.sessions.get(id);
    return record && SessionRecord.deserialize(record.serialize() as never);
  }
  async storeSession(id: string, session: SessionRecord): Promise<void> {
    this.sessions.set(id, SessionRecord.deserialize(session.serialize() as never));
  }
  isTrustedIdentity(): boolean {
    return true;
  }
  async loadPreKey(id: number | string): Promise<{ privKey: Buffer; pubKey: Buffer } | undefined> {
    return this.preKeys.get(Number(id));
  }
  removePreKey(id: number): void {
    this.preKeys.delete(id);
  }
  loadSignedPreKey(): { privKey: Buffer; pubKey: Buffer } {
    return this.signedPreKey.keyPair;
  }
  getOurRegistrationId(): number {
    return this.registrationId;
  }
  getOurIdentity(): { privKey: Buffer; pubKey: Buffer } {
    return this.identity;
  }
}
