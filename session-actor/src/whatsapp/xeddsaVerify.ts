import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import libsignalCurve from 'libsignal/src/curve.js';

/** What this module needs of libsignal's curve module (`libsignal/src/curve.js`). */
export interface LibsignalCurve {
  verifySignature(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, isInit?: boolean): boolean;
}

const P = 2n ** 255n - 19n;
/** DER of an Ed25519 SubjectPublicKeyInfo, before its 32 key bytes (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PATCHED = Symbol.for('switchboard.nativeXeddsaVerify');

function modPow(base: bigint, exp: bigint): bigint {
  let result = 1n;
  let b = base % P;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
  }
  return result;
}

const fromLittleEndian = (bytes: Uint8Array): bigint => bytes.reduceRight((n, byte) => (n << 8n) | BigInt(byte), 0n);

function toLittleEndian(n: bigint): Buffer {
  const out = Buffer.alloc(32);
  for (let i = 0, v = n; i < 32; i += 1, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/**
 * XEdDSA verification (Signal's signatures on Curve25519 keys) through Node's native Ed25519: the
 * Montgomery key u becomes the Edwards key y = (u − 1)/(u + 1) with the sign bit the signature
 * carries, exactly as curve25519-js does it, and the signature is then a plain Ed25519 one.
 */
export function nativeXeddsaVerify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  const u = fromLittleEndian(publicKey) & (2n ** 255n - 1n);
  const y = (((u - 1n) % P) + P) % P * modPow((u + 1n) % P, P - 2n) % P;
  const edwards = toLittleEndian(y);
  edwards[31]! |= signature[63]! & 0x80;
  const sig = Buffer.from(signature);
  sig[63]! &= 0x7f;
  try {
    const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, edwards]), format: 'der', type: 'spki' });
    return nodeVerify(null, message, key, sig);
  } catch {
    return false;
  }
}

/** The 32 key bytes of a Signal public key (33 bytes with type 5 first, or bare); null otherwise. */
function rawKey(key: Uint8Array): Uint8Array | null {
  if (key.byteLength === 33 && key[0] === 5) return key.subarray(1);
  return key.byteLength === 32 ? key : null;
}

/**
 * Makes libsignal verify XEdDSA signatures natively. Every connection's Noise handshake checks
 * WhatsApp's certificate chain with them (Baileys `noise-handler` → libsignal
 * `curve.verifySignature` → curve25519-js), and the pure-JavaScript check took ~40 ms of CPU per
 * actor start, cold (issue 13: restoring 200 sessions is CPU-bound). Patched on the curve module
 * of the libsignal Baileys loaded (our dependency pins the same version: one module instance,
 * see signalTrials.ts). In the actor bundle Baileys reads the patched function; under Node's own
 * ES module loader (`--actor=tsx`) Baileys' namespace import keeps the original, which is as
 * correct and only slower. A signature the native check refuses is checked again the old way, so
 * nothing the library accepted before is refused now (Node's Ed25519 is stricter about
 * non-canonical signatures); malformed input goes to the old way too, for its errors.
 */
export function useNativeXeddsaVerify(curve: LibsignalCurve = libsignalCurve as unknown as LibsignalCurve): void {
  const marked = curve as LibsignalCurve & { [PATCHED]?: true };
  if (marked[PATCHED]) return;
  const original = curve.verifySignature.bind(curve);
  curve.verifySignature = (publicKey, message, signature, isInit) => {
    const key = !isInit && publicKey && message && signature?.byteLength === 64 ? rawKey(publicKey) : null;
    if (key && nativeXeddsaVerify(key, message, signature)) return true;
    return original(publicKey, message, signature, isInit);
  };
  marked[PATCHED] = true;
}
