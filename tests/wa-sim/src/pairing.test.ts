import { configureSuccessfulPairing, Curve, initAuthCreds, proto, type BinaryNode } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { FaultBook } from './faults.ts';
import { buildPairSuccess, deviceSignatureProblem, pairSuccessDetails, parseQr } from './pairing.ts';
import { SimPhone } from './phone.ts';

describe('pair-success built by the simulated phone', () => {
  it('passes the companion-side check of Baileys and names the device', () => {
    const creds = initAuthCreds();
    const phone = new SimPhone('15553330000', 'Shop');
    const stanza = buildPairSuccess(phone, 3, Buffer.from(creds.signedIdentityKey.public), Buffer.from(creds.advSecretKey, 'base64'), 'iq-1');
    const { creds: update } = configureSuccessfulPairing(stanza, creds);
    expect(update.me).toMatchObject({ id: '15553330000:3@s.whatsapp.net', lid: `${phone.lid}:3@lid`, name: 'Shop' });
    expect(Buffer.from(update.account?.accountSignatureKey ?? []).equals(phone.identity.public)).toBe(true);
  });

  it('is refused by Baileys when keyed with the wrong adv secret', () => {
    const creds = initAuthCreds();
    const stanza = buildPairSuccess(new SimPhone('15553330001', ''), 1, Buffer.from(creds.signedIdentityKey.public), Buffer.alloc(32, 7), 'iq-2');
    expect(() => configureSuccessfulPairing(stanza, creds)).toThrow(/Invalid account signature/);
  });
});

describe("the companion's device signature", () => {
  /** Baileys' real answer to our pair-success: the signed device identity it sends back. */
  function answer() {
    const creds = initAuthCreds();
    const phone = new SimPhone('15553330002', '');
    const companion = Buffer.from(creds.signedIdentityKey.public);
    const stanza = buildPairSuccess(phone, 2, companion, Buffer.from(creds.advSecretKey, 'base64'), 'iq-3');
    const { reply } = configureSuccessfulPairing(stanza, creds);
    const sign = (reply.content as BinaryNode[])[0]!;
    const identity = (sign.content as BinaryNode[])[0]!.content as Uint8Array;
    return { identity, details: pairSuccessDetails(stanza), companion, phone: phone.identity.public };
  }

  it('verifies what Baileys signs', () => {
    const a = answer();
    expect(deviceSignatureProblem(a.identity, a.details, a.companion, a.phone)).toBeNull();
  });

  it('refuses a forged signature, changed details, another key or no identity', () => {
    const a = answer();
    const signed = proto.ADVSignedDeviceIdentity.decode(a.identity);
    const forged = proto.ADVSignedDeviceIdentity.encode({ ...signed, deviceSignature: Buffer.alloc(64, 1) }).finish();
    expect(deviceSignatureProblem(forged, a.details, a.companion, a.phone)).toBe('invalid device signature');
    const otherDetails = proto.ADVDeviceIdentity.encode({ rawId: 1, timestamp: 1, keyIndex: 9 }).finish();
    expect(deviceSignatureProblem(a.identity, otherDetails, a.companion, a.phone)).toBe('device details changed');
    const stranger = Buffer.from(Curve.generateKeyPair().public);
    expect(deviceSignatureProblem(a.identity, a.details, stranger, a.phone)).toBe('invalid device signature');
    expect(deviceSignatureProblem(undefined, a.details, a.companion, a.phone)).toBe('no device identity in pair-device-sign');
  });
});

describe('parseQr', () => {
  it('reads the five fields with or without the wa.me prefix', () => {
    const key = Buffer.from(Curve.generateKeyPair().public).toString('base64');
    const body = `2@abc,${key},${key},${key},1`;
    expect(parseQr(`https://wa.me/settings/linked_devices#${body}`)).toMatchObject({ ref: '2@abc', platformId: '1' });
    expect(parseQr(body).ref).toBe('2@abc');
  });

  it('rejects short or malformed strings with bad_qr', () => {
    expect(() => parseQr('nope')).toThrow(expect.objectContaining({ code: 'bad_qr' }));
    expect(() => parseQr('a,b,c,d')).toThrow(expect.objectContaining({ code: 'bad_qr' }));
  });
});

describe('FaultBook', () => {
  it('fires an armed fault the given number of times, for the targeted device only', () => {
    const book = new FaultBook();
    book.arm({ phone: '1', deviceId: 2, kind: 'send-error', code: 429, times: 2 });
    expect(book.take('1', 1, 'send-error')).toBeUndefined();
    expect(book.take('1', 2, 'send-error')?.code).toBe(429);
    expect(book.take('1', 2, 'send-error')?.code).toBe(429);
    expect(book.take('1', 2, 'send-error')).toBeUndefined();
  });

  it('matches on extra conditions and clears per phone', () => {
    const book = new FaultBook();
    book.arm({ phone: '1', kind: 'iq-error', xmlns: 'usync' });
    expect(book.take('1', 1, 'iq-error', (f) => f.xmlns === 'w:p')).toBeUndefined();
    book.clear('1');
    expect(book.take('1', 1, 'iq-error')).toBeUndefined();
  });
});
