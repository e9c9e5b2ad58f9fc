import { describe, expect, it } from 'vitest';
import { transcriptWriter, type TranscriptMessage } from './transcript.ts';

const at = (hhmm: string) => new Date(`2026-12-06T${hhmm}:00Z`);
const msg = (over: Partial<TranscriptMessage>): TranscriptMessage => ({ fromMe: false, timestamp: at('09:30'), kind: 'text', ...over });
const es = transcriptWriter({ locale: 'es', timeZone: 'Europe/Madrid', contactName: 'Alicia Gómez', sessionName: 'Tienda Centro', teamNames: new Map([['u1', 'Elena Ruiz']]) });

describe('transcript', () => {
  it('heads the file with who, which account and when, in the reader\'s zone', () => {
    expect(es.header(at('11:00'))).toBe('Conversación con Alicia Gómez\nCuenta de WhatsApp: Tienda Centro\nExportada el 06/12/2026 12:00 (Europe/Madrid)\n\n');
  });

  it('writes a line per message with its time and author: the customer, a colleague, the phone, the away reply', () => {
    expect(es.message(msg({ text: '¿Tenéis la talla 40?', pushName: 'Ali' }))).toBe('[06/12/2026 10:30] Ali: ¿Tenéis la talla 40?\n');
    expect(es.message(msg({ text: 'Hola' }))).toBe('[06/12/2026 10:30] Alicia Gómez: Hola\n');
    expect(es.message(msg({ fromMe: true, userId: 'u1', text: 'Sí' }))).toBe('[06/12/2026 10:30] Elena Ruiz: Sí\n');
    expect(es.message(msg({ fromMe: true, userId: 'gone', text: 'Sí' }))).toBe('[06/12/2026 10:30] Equipo: Sí\n');
    expect(es.message(msg({ fromMe: true, text: 'Desde el móvil' }))).toBe('[06/12/2026 10:30] Teléfono de la empresa: Desde el móvil\n');
    expect(es.message(msg({ fromMe: true, automated: true, text: 'Estamos cerrados' }))).toBe('[06/12/2026 10:30] Respuesta automática: Estamos cerrados\n');
    expect(es.message(msg({ sender: '34611000002@s.whatsapp.net', text: 'En el grupo' }))).toBe('[06/12/2026 10:30] +34611000002: En el grupo\n');
  });

  it('names files and places, marks edits, keeps nothing of a deleted message, leaves reactions out, indents line breaks', () => {
    expect(es.message(msg({ kind: 'image', caption: 'Paquete roto' }))).toBe('[06/12/2026 10:30] Alicia Gómez: [Imagen] Paquete roto\n');
    expect(es.message(msg({ kind: 'document' }))).toBe('[06/12/2026 10:30] Alicia Gómez: [Documento]\n');
    expect(es.message(msg({ kind: 'location', location: { latitude: 40.4, longitude: -3.7, name: 'Tienda Centro' } }))).toBe('[06/12/2026 10:30] Alicia Gómez: [Ubicación] Tienda Centro\n');
    const card = 'BEGIN:VCARD\nVERSION:3.0\nFN:Luis Taller\nitem1.TEL;waid=34611222333:+34 611 22 23 33\nEND:VCARD';
    expect(es.message(msg({ kind: 'contact', text: card, caption: 'Luis Taller' }))).toBe('[06/12/2026 10:30] Alicia Gómez: [Contacto] Luis Taller +34 611 22 23 33\n');
    expect(es.message(msg({ kind: 'poll', text: '¿Qué día?\nLunes\nMartes' }))).toBe('[06/12/2026 10:30] Alicia Gómez: [Encuesta] ¿Qué día?\n    ○ Lunes\n    ○ Martes\n');
    const event = { startAt: at('19:00'), endAt: at('21:00'), place: { name: 'Bar Pepe', address: 'Calle Mayor 3' } };
    expect(es.message(msg({ kind: 'event', text: 'Cena de Navidad', caption: 'Traed un regalo', event }))).toBe('[06/12/2026 10:30] Alicia Gómez: [Evento] Cena de Navidad\n    06/12/2026 20:00 – 06/12/2026 22:00\n    Bar Pepe, Calle Mayor 3\n    Traed un regalo\n');
    expect(es.message(msg({ kind: 'event', text: 'Llamada', event: { startAt: at('19:00'), link: 'https://call.whatsapp.com/voice/x', canceled: true } }))).toBe('[06/12/2026 10:30] Alicia Gómez: [Evento] Llamada (cancelado)\n    06/12/2026 20:00\n    https://call.whatsapp.com/voice/x\n');
    expect(es.message(msg({ kind: 'invite', text: 'Únete a mi grupo', invite: { groupName: 'Vecinos' } }))).toBe('[06/12/2026 10:30] Alicia Gómez: [Invitación al grupo] «Vecinos» Únete a mi grupo\n');
    expect(es.message(msg({ text: 'Talla 42', editedAt: at('09:31') }))).toBe('[06/12/2026 10:30] Alicia Gómez: Talla 42 (editado)\n');
    expect(es.message(msg({ kind: 'image', caption: 'Mira esto', forwarded: true }))).toBe('[06/12/2026 10:30] Alicia Gómez: (reenviado) [Imagen] Mira esto\n');
    expect(es.message(msg({ text: 'secreto', revokedAt: at('09:32') }))).toBe('[06/12/2026 10:30] Alicia Gómez: Se eliminó este mensaje\n');
    const mentions = [
      { user: '34611000002', jid: '34611000002@s.whatsapp.net', name: 'Bruno' },
      { user: '4242', jid: '34600000001@s.whatsapp.net', name: null, isAccount: true as const },
    ];
    expect(es.message(msg({ text: '@34611000002 y @4242, mañana', mentions }))).toBe('[06/12/2026 10:30] Alicia Gómez: @Bruno y @Tienda Centro, mañana\n');
    expect(es.message(msg({ kind: 'reaction' }))).toBeNull();
    const carla = { jid: '34611000001@s.whatsapp.net', name: 'Carla' };
    expect(es.message(msg({ kind: 'system', system: { action: 'add', by: carla, who: [{ jid: '34611000002@s.whatsapp.net', name: null }, { jid: '34611000003@s.whatsapp.net', name: 'Eva' }] } }))).toBe('[06/12/2026 10:30] Carla añadió a +34611000002 y Eva\n');
    expect(es.message(msg({ kind: 'system', system: { action: 'leave', by: carla, who: [carla] } }))).toBe('[06/12/2026 10:30] Carla salió del grupo\n');
    expect(es.message(msg({ kind: 'system', system: { action: 'subject', by: { jid: '1@s.whatsapp.net', name: null, isAccount: true }, who: [], value: 'Turnos' } }))).toBe('[06/12/2026 10:30] Tienda Centro cambió el asunto a «Turnos»\n');
    expect(es.message(msg({ text: 'Hola,\nsoy Alicia' }))).toBe('[06/12/2026 10:30] Alicia Gómez: Hola,\n    soy Alicia\n');
    expect(es.note({ createdAt: at('09:45'), authorName: 'Elena Ruiz', text: 'Pidió factura' })).toBe('[06/12/2026 10:45] Nota interna de Elena Ruiz: Pidió factura\n');
  });

  it('speaks English to English readers', () => {
    const en = transcriptWriter({ locale: 'en', timeZone: 'UTC', contactName: 'Alicia', sessionName: 'Shop', teamNames: new Map() });
    expect(en.header(at('11:00'))).toBe('Conversation with Alicia\nWhatsApp account: Shop\nExported on 06/12/2026 11:00 (UTC)\n\n');
    expect(en.message(msg({ kind: 'voice' }))).toBe('[06/12/2026 09:30] Alicia: [Voice note]\n');
  });
});
