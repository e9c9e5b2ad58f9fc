import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import libsignalCurve from 'libsignal/src/curve.js';
import { nativeXeddsaVerify, useNativeXeddsaVerify, type LibsignalCurve } from './xeddsaVerify.ts';

interface Curve extends LibsignalCurve {
  generateKeyPair(): { pubKey: Buffer; privKey: Buffer };
  calculateSignature(privKey: Uint8Array, message: Uint8Array): Buffer;
}
const curve = libsignalCurve as unknown as Curve;
const requireHere = createRequire(import.meta.url);

describe('native XEdDSA verification', () => {
  it('agrees with libsignal on valid and tampered signatures', () => {
    for (let i = 0; i < 25; i++) {
      const keys = curve.generateKeyPair();
      const publicKey = keys.pubKey.subarray(1);
      const message = randomBytes(1 + i * 7);
      const signature = curve.calculateSignature(keys.privKey, message);
      expect(nativeXeddsaVerify(publicKey, message, signature)).toBe(true);
      const otherMessage = Buffer.from(message);
      otherMessage[0]! ^= 1;
      expect(nativeXeddsaVerify(publicKey, otherMessage, signature)).toBe(false);
      const otherSignature = Buffer.from(signature);
      otherSignature[i % 64]! ^= 4;
      expect(nativeXeddsaVerify(publicKey, message, otherSignature)).toBe(false);
      expect(nativeXeddsaVerify(curve.generateKeyPair().pubKey.subarray(1), message, signature)).toBe(false);
    }
  });

  it('is what libsignal (and so Baileys) calls once installed, and changes no answer', () => {
    // The module Baileys imports (`libsignal/src/curve.js`, resolved from Baileys' own directory).
    const fromBaileys = createRequire(requireHere.resolve('@whiskeysockets/baileys'))('libsignal/src/curve.js');
    expect(fromBaileys).toBe(libsignalCurve);
    const keys = curve.generateKeyPair();
    const message = randomBytes(100);
    const signature = curve.calculateSignature(keys.privKey, message);
    const original = curve.verifySignature;
    useNativeXeddsaVerify();
    useNativeXeddsaVerify(); // once only
    expect(curve.verifySignature).not.toBe(original);
    // The old check runs only for what the native one refuses.
    const oldCheck = vi.fn(original);
    const copy = { verifySignature: oldCheck };
    useNativeXeddsaVerify(copy);
    expect(copy.verifySignature(keys.pubKey, message, signature)).toBe(true);
    expect(oldCheck).not.toHaveBeenCalled();
    expect(copy.verifySignature(keys.pubKey, randomBytes(100), signature)).toBe(false);
    expect(oldCheck).toHaveBeenCalledTimes(1);
    // The patched module answers as before, errors included.
    expect(curve.verifySignature(keys.pubKey, message, signature)).toBe(true);
    expect(curve.verifySignature(keys.pubKey, randomBytes(100), signature)).toBe(false);
    expect(() => curve.verifySignature(randomBytes(7), message, signature)).toThrow('Invalid public key');
  });
});
