import { describe, expect, it } from 'vitest';
import { eventFileName, eventIcs, eventWhen } from './calendarEvent.ts';

const at = (iso: string) => new Date(iso).getTime();

describe('eventWhen', () => {
  const now = at('2026-12-07T10:00:00Z');
  it('says the day and the hours in the reader\'s zone, the year only when it is not this one', () => {
    const dinner = { startAt: at('2026-12-17T19:00:00Z'), endAt: at('2026-12-17T21:00:00Z') };
    expect(eventWhen(dinner, 'es', now, 'Europe/Madrid')).toMatch(/^jueves, 17 de diciembre, 20:00\s*–\s*22:00$/);
    expect(eventWhen(dinner, 'en', now, 'Europe/Madrid')).toMatch(/^Thursday(,)? 17 December(,| at)? 20:00\s*–\s*22:00$/);
    expect(eventWhen({ startAt: at('2027-01-08T08:30:00Z') }, 'es', now, 'Europe/Madrid')).toBe('viernes, 8 de enero de 2027, 9:30');
  });
});

describe('eventIcs', () => {
  const event = { startAt: at('2026-12-17T19:00:00Z'), endAt: at('2026-12-17T21:00:00Z'), place: { name: 'Bar Pepe', address: 'Calle Mayor 3, Madrid', latitude: 40.4, longitude: -3.7 } };
  it('writes an iCalendar event with its times in UTC, its place and description escaped, CRLF lines', () => {
    const ics = eventIcs({ uid: 'MSG1', name: 'Cena; de Navidad', description: 'Traed un regalo,\nporfa', event, now: at('2026-12-07T10:00:00Z') });
    expect(ics.split('\r\n')).toEqual([
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Switchboard//Inbox//ES', 'CALSCALE:GREGORIAN', 'BEGIN:VEVENT',
      'UID:MSG1@switchboard', 'DTSTAMP:20261207T100000Z', 'DTSTART:20261217T190000Z', 'DTEND:20261217T210000Z',
      'SUMMARY:Cena\\; de Navidad', 'LOCATION:Bar Pepe\\, Calle Mayor 3\\, Madrid', 'GEO:40.4;-3.7',
      'DESCRIPTION:Traed un regalo\\,\\nporfa', 'END:VEVENT', 'END:VCALENDAR', '',
    ]);
  });

  it('lasts an hour without an end, carries a call link, marks a cancelled event, folds long lines', () => {
    const ics = eventIcs({ uid: 'MSG2', name: 'Llamada '.repeat(20).trim(), event: { startAt: at('2026-12-17T19:00:00Z'), link: 'https://call.whatsapp.com/video/abc', canceled: true }, now: 0 });
    expect(ics).toContain('DTEND:20261217T200000Z');
    expect(ics).toContain('URL:https://call.whatsapp.com/video/abc');
    expect(ics).toContain('DESCRIPTION:https://call.whatsapp.com/video/abc');
    expect(ics).toContain('STATUS:CANCELLED');
    const lines = ics.split('\r\n');
    expect(lines.every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(0);
    expect(ics.replace(/\r\n /g, '')).toContain(`SUMMARY:${'Llamada '.repeat(20).trim()}`);
  });
});

describe('eventFileName', () => {
  it('names the file after the event, without accents or symbols', () => {
    expect(eventFileName('Cena de Navidad 🎄 ¡ya!', 'evento')).toBe('Cena-de-Navidad-ya.ics');
    expect(eventFileName('🎄', 'evento')).toBe('evento.ics');
  });
});
