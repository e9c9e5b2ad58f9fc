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
export const { ProtocolAddress, SessionBuilder, SessionRecord } = libsignal;
export type { SignalStorage } from 'libsignal';
/** A libsignal session record instance. */
export type SessionRecord = libsignal.SessionRecord;

interface SessionEntryLike {
  constructor: { deserialize(data: unknown): SessionEntryLike };
  serialize(): unknown;
  indexInfo: { used?: number };
}

interface TrialCipher {
  doDecryptWhisperMessage(data: Buffer, session: SessionEntryLike): Promise<Buffer>;
}

const SessionError = (libsignal as unknown as { SessionError: new (message: string) => Error }).SessionError;

/**
 * libsignal's SessionCipher, except that each session of a record is tried on a copy.
 *
 * libsignal-node tries the sessions of a record in place, so a failed try leaves that session's
 * ratchet stepped with the wrong peer key (and this store keeps records as live objects, so
 * even a message that fails altogether would corrupt them). WhatsApp's clients run libsignal
 * proper (Java, Rust, and its port in WhatsApp Web), which decrypts with a clone of each session
 * state and keeps only the one that worked; a simulated contact must not be more fragile.
 */
export class SessionCipher extends libsignal.SessionCipher {
  async decryptWithSessions(data: Buffer, sessions: SessionEntryLike[]): Promise<{ session: SessionEntryLike; plaintext: Buffer }> {
    if (!sessions.length) throw new SessionError('No sessions available');
    for (const session of sessions) {
      const trial = session.constructor.deserialize(session.serialize());
      try {
        const plaintext = await (this as unknown as TrialCipher).doDecryptWhisperMessage(data, trial);
        trial.indexInfo.used = Date.now();
        for (const key of Object.keys(session)) delete (session as unknown as Record<string, unknown>)[key];
        Object.assign(session, trial);
        return { session, plaintext };
      } catch {
        // Not this session: try the next one.
      }
    }
    throw new SessionError('No matching sessions found for message');
  }
}
