/**
 * A WhatsApp event in words and as a calendar file: when it is (one line, the year only when it
 * is not this year's), and an iCalendar (.ics) file any calendar app imports, so whoever reads a
 * customer's appointment can keep it.
 */
import type { CalendarEvent } from '@switchboard/shared';

/** When an event is, in the reader's language and zone: `jueves, 17 de diciembre, 20:00–22:00`, `viernes, 8 de enero de 2027, 9:30`. */
export function eventWhen(e: Pick<CalendarEvent, 'startAt' | 'endAt'>, locale: 'es' | 'en', now: number = Date.now(), timeZone?: string): string {
  const tag = locale === 'es' ? 'es-ES' : 'en-GB';
  const sameYear = new Date(e.startAt).getUTCFullYear() === new Date(now).getUTCFullYear();
  const f = new Intl.DateTimeFormat(tag, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  });
  return e.endAt && e.endAt > e.startAt ? f.formatRange(e.startAt, e.endAt) : f.format(e.startAt);
}

/** iCalendar's UTC date-time: `20261217T190000Z`. */
const icsTime = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** A text value as iCalendar writes it: backslash, semicolon, comma and line breaks escaped. */
const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const bytes = new TextEncoder().encode(ch).length;
    if (size + bytes > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** What a calendar file is made of: the event, its name and description, and a stable id. */
export interface EventFile {
  uid: string;
  name: string;
  description?: string | undefined;
  event: CalendarEvent;
  /** When the file is made (DTSTAMP). */
  now: number;
}

/**
 * The event as an iCalendar file (CRLF lines, folded). Without an end it lasts an hour, as
 * WhatsApp shows an event without one; a cancelled one is written CANCELLED.
 */
export function eventIcs({ uid, name, description, event, now }: EventFile): string {
  const where = event.place ? [event.place.name, event.place.address].filter(Boolean).join(', ') : undefined;
  const notes = [description, event.link].filter(Boolean).join('\n\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Switchboard//Inbox//ES',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `UID:${icsText(uid)}@switchboard`,
    `DTSTAMP:${icsTime(now)}`,
    `DTSTART:${icsTime(event.startAt)}`,
    `DTEND:${icsTime(event.endAt && event.endAt > event.startAt ? event.endAt : event.startAt + 3_600_000)}`,
    `SUMMARY:${icsText(name)}`,
    ...(where ? [`LOCATION:${icsText(where)}`] : []),
    ...(event.place?.latitude !== undefined && event.place.longitude !== undefined ? [`GEO:${event.place.latitude};${event.place.longitude}`] : []),
    ...(event.link ? [`URL:${event.link}`] : []),
    ...(notes ? [`DESCRIPTION:${icsText(notes)}`] : []),
    ...(event.canceled ? ['STATUS:CANCELLED'] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** A file name for the event: its name's letters and digits, else `evento`. */
export function eventFileName(name: string, fallback: string): string {
  const base = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').slice(0, 60);
  return `${base || fallback}.ics`;
}
