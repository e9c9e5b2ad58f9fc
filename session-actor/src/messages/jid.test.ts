import { describe, expect, it } from 'vitest';
import { chatIdentityOf, senderOf, toRecipientJid } from './jid.ts';

describe('toRecipientJid', () => {
  it('turns phone numbers in common notations into PN JIDs', () => {
    expect(toRecipientJid('15550001111')).toBe('15550001111@s.whatsapp.net');
    expect(toRecipientJid('+34 600-111 222')).toBe('34600111222@s.whatsapp.net');
  });

  it('normalises JIDs (device part dropped, c.us → s.whatsapp.net)', () => {
    expect(toRecipientJid('15550001111:5@s.whatsapp.net')).toBe('15550001111@s.whatsapp.net');
    expect(toRecipientJid('15550001111@c.us')).toBe('15550001111@s.whatsapp.net');
    expect(toRecipientJid('1234567@lid')).toBe('1234567@lid');
    expect(toRecipientJid('120363000000@g.us')).toBe('120363000000@g.us');
  });

  it('rejects anything else with invalid_recipient', () => {
    for (const bad of ['', 'abc', '12', 'x@example.com', '@s.whatsapp.net', '1555 abc 1111']) {
      expect(() => toRecipientJid(bad)).toThrow(expect.objectContaining({ code: 'invalid_recipient' }));
    }
  });
});

describe('chatIdentityOf', () => {
  it('keys a LID-addressed contact by its phone number and remembers the LID', () => {
    expect(chatIdentityOf({ remoteJid: '999@lid', remoteJidAlt: '15550001111@s.whatsapp.net' })).toEqual({
      chatId: '15550001111@s.whatsapp.net',
      pnJid: '15550001111@s.whatsapp.net',
      lid: '999@lid',
      isGroup: false,
    });
  });

  it('gives the same chat for PN addressing with a LID alt', () => {
    const id = chatIdentityOf({ remoteJid: '15550001111@s.whatsapp.net', remoteJidAlt: '999@lid' });
    expect(id?.chatId).toBe('15550001111@s.whatsapp.net');
    expect(id?.lid).toBe('999@lid');
  });

  it('uses a known LID mapping, else falls back to the LID', () => {
    expect(chatIdentityOf({ remoteJid: '999@lid' }, '15550001111:0@s.whatsapp.net')?.chatId).toBe('15550001111@s.whatsapp.net');
    expect(chatIdentityOf({ remoteJid: '999@lid' })).toEqual({ chatId: '999@lid', lid: '999@lid', isGroup: false });
  });

  it('recognises groups and their senders', () => {
    const key = { remoteJid: '1203@g.us', participant: '888@lid', participantAlt: '15550002222@s.whatsapp.net' };
    const id = chatIdentityOf(key);
    expect(id).toEqual({ chatId: '1203@g.us', isGroup: true });
    expect(senderOf(key, id!)).toBe('15550002222@s.whatsapp.net');
  });

  it('returns null without a remote JID', () => {
    expect(chatIdentityOf({})).toBeNull();
  });
});
