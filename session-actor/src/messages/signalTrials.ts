import libsignalModule from 'libsignal';

/** What this module needs of a libsignal SessionEntry. */
interface SessionEntryLike {
  constructor: { deserialize(data: unknown): SessionEntryLike };
  serialize(): unknown;
  indexInfo: { used?: number };
}

/** What this module needs of libsignal's SessionCipher prototype. */
interface CipherPrototype {
  decryptWithSessions(data: Buffer, sessions: SessionEntryLike[]): Promise<{ session: SessionEntryLike; plaintext: Buffer }>;
  doDecryptWhisperMessage(data: Buffer, session: SessionEntryLike): Promise<Buffer>;
  [ISOLATED]?: true;
}

/** The parts of the libsignal module this module patches. */
export interface LibsignalModule {
  SessionCipher: { prototype: unknown };
  SessionError: new (message: string) => Error;
}

const ISOLATED = Symbol.for('switchboard.isolatedSessionTrials');

/**
 * The libsignal module instance Baileys itself loaded (Baileys creates the ciphers). Our
 * dependency pins the version Baileys resolves, so both resolve to one package directory: one
 * module instance under Node's loader, and one copy in the actor bundle
 * (`signalTrials.test.ts` checks it is the very module Baileys requires).
 */
export function baileysLibsignal(): LibsignalModule {
  return libsignalModule as unknown as LibsignalModule;
}

/** Replaces the contents of `target` (a session of the record) with those of `source`. */
function adopt(target: SessionEntryLike, source: SessionEntryLike): void {
  for (const key of Object.keys(target)) delete (target as unknown as Record<string, unknown>)[key];
  Object.assign(target, source);
}

/**
 * Makes libsignal try each session of a record on a copy when decrypting a `msg`.
 *
 * libsignal-node 6.0.0 (`SessionCipher.decryptWithSessions`) tries the sessions of a record one
 * after the other *in place*: a failed try has already stepped that session's ratchet (it closed
 * its receiving chain and replaced its sending chain, derived from the wrong peer key) before the
 * MAC check fails. When a later session of the record then decrypts, the whole record is stored,
 * corrupted sessions included: our next message on such a session is undecryptable for the peer
 * (Bad MAC / "No matching sessions") and the peer's next one fails here ("Chain closed"). It
 * happens whenever a message arrives on a session other than the most recently used one, i.e.
 * around every session re-establishment (retry receipts, both sides opening a session at once),
 * which is what actor restarts in the middle of traffic produce. libsignal proper (Java, Rust)
 * decrypts with a clone of each session state and keeps only the one that worked; so does this.
 * Idempotent: the prototype is patched once per process.
 */
export function isolateSessionTrials(libsignal: LibsignalModule = baileysLibsignal()): void {
  const proto = libsignal.SessionCipher.prototype as CipherPrototype;
  if (proto[ISOLATED]) return;
  proto.decryptWithSessions = async function decryptWithSessions(this: CipherPrototype, data, sessions) {
    if (!sessions.length) throw new libsignal.SessionError('No sessions available');
    for (const session of sessions) {
      const trial = session.constructor.deserialize(session.serialize());
      try {
        const plaintext = await this.doDecryptWhisperMessage(data, trial);
        trial.indexInfo.used = Date.now();
        adopt(session, trial);
        return { session, plaintext };
      } catch {
        // The wrong session (or a message key used already): try the next one.
      }
    }
    throw new libsignal.SessionError('No matching sessions found for message');
  };
  proto[ISOLATED] = true;
}
