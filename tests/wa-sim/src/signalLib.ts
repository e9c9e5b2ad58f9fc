import * as libsignal from 'libsignal';

/** A libsignal key pair: 33-byte public key (0x05 prefix), 32-byte private key. */
export interface SignalKeyPair {
  pubKey: Buffer;
  privKey: Buffer;
}

interface CurveApi {
  generateKeyPair(): SignalKeyPair;
  calculateSignature(privKey: Buffer, message: Uint8Array): Buffer;
  verifySignature(pubKey: Uint8Array, message: Uint8Array, signature: Uint8Array, isInit?: boolean): boolean;
}

/** libsignal's curve helpers (its typings omit them). */
export const signalCurve = (libsignal as unknown as { curve: CurveApi }).curve;

/** libsignal's session classes, re-exported with their typings. */
export const { ProtocolAddress, SessionBuilder, SessionCipher, SessionRecord } = libsignal;
export type { SignalStorage } from 'libsignal';
/** A libsignal session record instance. */
export type SessionRecord = libsignal.SessionRecord;
