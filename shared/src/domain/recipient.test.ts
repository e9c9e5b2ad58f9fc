import { describe, expect, it } from 'vitest';
import { RpcError } from '../protocol/rpc.ts';
import { normalizeRecipient, recipientJid } from './recipient.ts';

describe('normalizeRecipient', () => {
  it('turns phone numbers with +, spaces, dashes and brackets into PN JIDs', () => {
    expect(normalizeRecipient('34600000000')).toBe('34600000000@s.whatsapp.net');
    expect(normalizeRecipient('+34 600-000-000')).toBe('34600000000@s.whatsapp.net');
    expect(normalizeRecipient('  +1 (555) 010-0000 ')).toBe('15550100000@s.whatsapp.net');
  });

  it('normalises PN JIDs: device and agent parts dropped, c.us mapped, case folded', () => {
    expect(normalizeRecipient('34600000000:12@s.whatsapp.net')).toBe('34600000000@s.whatsapp.net');
    expect(normalizeRecipient('34600000000_1:3@s.whatsapp.net')).toBe('34600000000@s.whatsapp.net');
    expect(normalizeRecipient('34600000000@c.us')).toBe('34600000000@s.whatsapp.net');
    expect(normalizeRecipient('34600000000@S.WhatsApp.Net')).toBe('34600000000@s.whatsapp.net');
  });

  it('keeps LIDs and groups on their own servers', () => {
    expect(normalizeRecipient('123456789012345@lid')).toBe('123456789012345@lid');
    expect(normalizeRecipient('123456789012345:4@lid')).toBe('123456789012345@lid');
    expect(normalizeRecipient('120363000000000001@g.us')).toBe('120363000000000001@g.us');
    expect(normalizeRecipient('34600000000-1600000000@g.us')).toBe('34600000000-1600000000@g.us');
  });

  it('returns null for junk', () => {
    const junk = ['', '   ', 'hello', '12', '1234', '+', 'a@b@c', 'x@example.com', '34600000000@g.us.evil', 'abc@s.whatsapp.net', '@s.whatsapp.net', '-@g.us', '34600000000@', '1'.repeat(21)];
    for (const bad of junk) expect(normalizeRecipient(bad), bad).toBeNull();
  });
});

describe('recipientJid', () => {
  it('returns the normalised JID', () => {
    expect(recipientJid('+34 600 000 000')).toBe('34600000000@s.whatsapp.net');
  });

  it('throws the coded invalid_recipient error for junk (the gateway answers 400)', () => {
    for (const bad of ['hello', 'x@example.com', '12']) {
      let caught: unknown;
      try {
        recipientJid(bad);
      } catch (err) {
        caught = err;
      }
      expect(caught, bad).toBeInstanceOf(RpcError);
      expect((caught as RpcError).code).toBe('invalid_recipient');
    }
  });
});
