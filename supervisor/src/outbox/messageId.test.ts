import { describe, expect, it } from 'vitest';
import { newMessageId, recipientJid } from './messageId.ts';

describe('newMessageId', () => {
  it('looks like a WhatsApp Web id and does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, newMessageId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^3EB0[0-9A-F]{18}$/);
  });
});

describe('recipientJid', () => {
  it('turns phone numbers into PN JIDs', () => {
    expect(recipientJid('+34 600-000-000')).toBe('34600000000@s.whatsapp.net');
    expect(recipientJid('5215512345678')).toBe('5215512345678@s.whatsapp.net');
  });

  it('normalises JIDs: device part dropped, c.us mapped, groups and LIDs kept', () => {
    expect(recipientJid('34600000000:5@s.whatsapp.net')).toBe('34600000000@s.whatsapp.net');
    expect(recipientJid('34600000000@c.us')).toBe('34600000000@s.whatsapp.net');
    expect(recipientJid('120363000000000000@g.us')).toBe('120363000000000000@g.us');
    expect(recipientJid('123456789012345@lid')).toBe('123456789012345@lid');
  });

  it('rejects anything else with invalid_recipient', () => {
    for (const bad of ['', 'abc', '12', 'x@s.whatsapp.net', '1234567@example.com', 'a@b@c', '@g.us']) {
      expect(() => recipientJid(bad), bad).toThrow(expect.objectContaining({ code: 'invalid_recipient' }));
    }
  });
});
