import { describe, expect, it } from 'vitest';
import { buildVCard, contactCardFields, isVCard, parseVCards, splitVCards } from './vcard.ts';

describe('parseVCards', () => {
  it('reads the card WhatsApp itself shares: name, number with its account and label', () => {
    const card = ['BEGIN:VCARD', 'VERSION:3.0', 'N:Pérez;Juan;;;', 'FN:Juan Pérez', 'item1.TEL;waid=34600111222:+34 600 11 12 22', 'item1.X-ABLabel:Móvil', 'END:VCARD'].join('\n');
    expect(parseVCards(card)).toEqual([{ name: 'Juan Pérez', phones: [{ number: '+34 600 11 12 22', whatsapp: '34600111222', label: 'Móvil' }], emails: [] }]);
  });

  it('reads several cards, types, e-mails, organisations and escapes', () => {
    const text = [
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Taller Gómez\\, S.L.\r\nORG:Taller Gómez;Recambios\r\nTEL;type=WORK;type=VOICE:+34 910 000 000\r\nEMAIL;type=INTERNET:taller@example.com\r\nEND:VCARD',
      'BEGIN:VCARD\nVERSION:4.0\nN:Ruiz;Ana;María;Dra.;\nTEL;TYPE=cell:tel:0034 611 222 333\nEND:VCARD',
    ].join('\n');
    expect(parseVCards(text)).toEqual([
      { name: 'Taller Gómez, S.L.', org: 'Taller Gómez, Recambios', phones: [{ number: '+34 910 000 000', whatsapp: '34910000000', label: 'WORK' }], emails: ['taller@example.com'] },
      { name: 'Dra. Ana María Ruiz', phones: [{ number: '0034 611 222 333', whatsapp: '34611222333', label: 'cell' }], emails: [] },
    ]);
  });

  it("reads Android's vCard 2.1: quoted-printable names over folded lines, bare types", () => {
    const card = ['BEGIN:VCARD', 'VERSION:2.1', 'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;Mar=C3=ADa;;;', 'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Mar=C3=ADa Jos=C3=A9 de la Pe=', '=C3=B1a', 'TEL;CELL:600 111 222', 'END:VCARD'].join('\n');
    // A number without its country is shown, not offered as a WhatsApp account.
    expect(parseVCards(card)).toEqual([{ name: 'María José de la Peña', phones: [{ number: '600 111 222', label: 'CELL' }], emails: [] }]);
  });

  it('unfolds long lines and names a card without a name by its number', () => {
    const card = 'BEGIN:VCARD\nVERSION:3.0\nNOTE:a long\n  note\nTEL:+44 20 7946 0000\nEND:VCARD';
    expect(parseVCards(card)[0]).toMatchObject({ name: '+44 20 7946 0000', phones: [{ whatsapp: '442079460000' }] });
  });

  it('gives nothing for text that holds no card', () => {
    expect(parseVCards('hola')).toEqual([]);
    expect(parseVCards(null)).toEqual([]);
    expect(parseVCards('BEGIN:VCARD\nFN:sin final')).toEqual([]);
  });
});

describe('buildVCard', () => {
  it('writes a card that reads back as the same person with their WhatsApp number', () => {
    const card = buildVCard({ name: 'Luis; Taller, "El Rápido"', phone: '+34 600-111-222' });
    expect(card).toContain('TEL;type=CELL;type=VOICE;waid=34600111222:+34600111222');
    expect(isVCard(card)).toBe(true);
    expect(parseVCards(card)).toEqual([{ name: 'Luis; Taller, "El Rápido"', phones: [{ number: '+34600111222', whatsapp: '34600111222', label: 'CELL' }], emails: [] }]);
  });

  it('tells a vCard from other text', () => {
    expect(isVCard('BEGIN:VCARD\nFN:x\nEND:VCARD')).toBe(true);
    expect(isVCard('BEGIN:VCARD sin más')).toBe(false);
    expect(isVCard(undefined)).toBe(false);
  });
});

describe('splitVCards', () => {
  it('cuts a text into its cards and drops what is outside them', () => {
    const a = 'BEGIN:VCARD\nFN:Ana\nEND:VCARD';
    const b = 'BEGIN:VCARD\r\nFN:Luis\r\nEND:VCARD';
    expect(splitVCards(`${a}\n${b}\n`)).toEqual([a, b]);
    expect(splitVCards('nada')).toEqual([]);
  });
});

describe('contactCardFields', () => {
  it("writes the named person's card, or keeps a client's vCard, with the names the list shows", () => {
    expect(contactCardFields({ contact: { name: 'Ana Ruiz', phone: '+34 611 222 333' } })).toEqual({ text: buildVCard({ name: 'Ana Ruiz', phone: '34611222333' }), caption: 'Ana Ruiz' });
    const two = 'BEGIN:VCARD\nFN:Ana\nEND:VCARD\nBEGIN:VCARD\nFN:Luis\nEND:VCARD';
    expect(contactCardFields({ text: two })).toEqual({ text: two, caption: 'Ana, Luis' });
  });
});
