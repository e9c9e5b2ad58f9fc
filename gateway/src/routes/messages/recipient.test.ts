import { describe, expect, it } from 'vitest';
import { recipientJid } from './recipient.ts';

describe('recipientJid', () => {
  it('turns phone numbers into PN JIDs', () => {
    expect(recipientJid('+34 600-000-000')).toBe('34600000000@s.whatsapp.net');
  });
  it('normalises JIDs (device part, c.us)', () => {
    expect(recipientJid('34600000000:12@s.whatsapp.net')).toBe('34600000000@s.whatsapp.net');
    expect(recipientJid('34600000000@c.us')).toBe('34600000000@s.whatsapp.net');
    expect(recipientJid('1203630-1234@g.us')).toBe('1203630-1234@g.us');
  });
  it('rejects anything else with invalid_recipient', () => {
    for (const bad of ['hello', '12', 'a@b@c', 'x@example.com', '34600000000@g.us.evil']) {
      expect(() => recipientJid(bad), bad).toThrowError(expect.objectContaining({ code: 'invalid_recipient', status: 400 }));
    }
  });
});
