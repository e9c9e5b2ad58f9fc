import { Curve, proto } from '@whiskeysockets/baileys';

/** An X25519 key pair with a 32-byte raw public key (Baileys' `Curve` shape). */
export interface RawKeyPair {
  public: Buffer;
  private: Buffer;
}

/** A fresh X25519 key pair as Buffers. */
export function newKeyPair(): RawKeyPair {
  const k = Curve.generateKeyPair();
  return { public: Buffer.from(k.public), private: Buffer.from(k.private) };
}

/** The simulator's own Noise identity: trust root, intermediate, and the server static key. */
export interface ServerIdentity {
  root: RawKeyPair;
  intermediate: RawKeyPair;
  staticKey: RawKeyPair;
  /** Encoded `CertChain` sent (encrypted) in every ServerHello. */
  certChain: Uint8Array;
}

/** Generates fresh keys, or rebuilds the chain from saved ones (wa-sim.md §1.4 recipe). */
export function createServerIdentity(saved?: Pick<ServerIdentity, 'root' | 'intermediate' | 'staticKey'>): ServerIdentity {
  const root = saved?.root ?? newKeyPair();
  const intermediate = saved?.intermediate ?? newKeyPair();
  const staticKey = saved?.staticKey ?? newKeyPair();
  return { root, intermediate, staticKey, certChain: buildCertChain(root, intermediate, staticKey.public) };
}

let shared: ServerIdentity | undefined;

/**
 * One identity per process: `WA_CERT_DETAILS.PUBLIC_KEY` is process-wide in Baileys, so every
 * simulator started in one process presents the same trust root.
 */
export function processIdentity(): ServerIdentity {
  shared ??= createServerIdentity();
  return shared;
}

/** Builds a CertChain: root signs the intermediate (issuerSerial 0), the intermediate signs the leaf. */
export function buildCertChain(root: RawKeyPair, intermediate: RawKeyPair, leafKey: Buffer, issuerSerial = 0): Uint8Array {
  const Details = proto.CertChain.NoiseCertificate.Details;
  const interDetails = Details.encode({ serial: 1, issuerSerial, key: intermediate.public }).finish();
  const leafDetails = Details.encode({ serial: 2, issuerSerial: 1, key: leafKey }).finish();
  return proto.CertChain.encode({
    intermediate: { details: interDetails, signature: Curve.sign(root.private, interDetails) },
    leaf: { details: leafDetails, signature: Curve.sign(intermediate.private, leafDetails) },
  }).finish();
}

/** Serialises key pairs for the data directory. */
export function identityToJson(id: ServerIdentity): string {
  const enc = (k: RawKeyPair) => ({ public: k.public.toString('base64'), private: k.private.toString('base64') });
  return JSON.stringify({ root: enc(id.root), intermediate: enc(id.intermediate), staticKey: enc(id.staticKey) });
}

/** Reads key pairs written by `identityToJson`. */
export function identityFromJson(json: string): ServerIdentity {
  const raw = JSON.parse(json) as Record<'root' | 'intermediate' | 'staticKey', { public: string; private: string }>;
  const dec = (k: { public: string; private: string }): RawKeyPair => ({
    public: Buffer.from(k.public, 'base64'),
    private: Buffer.from(k.private, 'base64'),
  });
  return createServerIdentity({ root: dec(raw.root), intermediate: dec(raw.intermediate), staticKey: dec(raw.staticKey) });
}
