import { describe, expect, it } from 'vitest';
import { previewOf } from './view.ts';

describe('previewOf', () => {
  it('words a text, and marks a kind without words for the inbox to word', () => {
    expect(previewOf({ kind: 'text', text: '¿Abrís el sábado?' })).toBe('¿Abrís el sábado?');
    expect(previewOf({ kind: 'image' })).toBe('[image]');
    expect(previewOf({ kind: 'call', call: { video: false, outcome: 'missed' } })).toBe('[call_missed]');
  });

  it("shows a contact card by its people's names and a poll by its question, as the phone does", () => {
    expect(previewOf({ kind: 'contact', text: 'BEGIN:VCARD\nFN:Ana\nEND:VCARD', caption: 'Ana Ruiz' })).toBe('👤 Ana Ruiz');
    expect(previewOf({ kind: 'poll', text: '¿Qué día os viene mejor?\nLunes\nMartes' })).toBe('📊 ¿Qué día os viene mejor?');
    expect(previewOf({ kind: 'contact', text: 'BEGIN:VCARD\nEND:VCARD' })).toBe('[contact]');
    // Without the names beside it, as its vCard says.
    expect(previewOf({ kind: 'contact', text: 'BEGIN:VCARD\nFN:Ana\nEND:VCARD' })).toBe('👤 Ana');
  });

  it('shows an event by its name and an invitation by its group, not by the invitation\'s words', () => {
    expect(previewOf({ kind: 'event', text: 'Cena de Navidad', caption: 'Traed un regalo' })).toBe('📅 Cena de Navidad');
    expect(previewOf({ kind: 'invite', text: 'Únete a mi grupo', invite: { groupName: 'Vecinos' } })).toBe('👥 Vecinos');
    expect(previewOf({ kind: 'event', text: '' })).toBe('[event]');
  });

  it('names the member who wrote in a group, and cuts a long preview', () => {
    const line = previewOf({ kind: 'text', text: 'x'.repeat(200), chatId: '123@g.us', fromMe: false, pushName: 'Diego', sender: '34600@s.whatsapp.net' });
    expect(line.startsWith('Diego: xxx')).toBe(true);
    expect(line).toHaveLength(120);
  });
});
