import { configureSuccessfulPairing, Curve, initAuthCreds } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { FaultBook } from './faults.ts';
import { buildPairSuccess, parseQr } from './pairing.ts';
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
