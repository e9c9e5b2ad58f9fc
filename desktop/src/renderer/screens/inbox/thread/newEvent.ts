/**
 * *Crear evento*'s form as an event to send: the day and the hours as typed (in this device's
 * zone), checked; and *Cambiar evento*'s, filled from the event sent. Pure: the dialogs
 * (NewEvent.tsx, ChangeEvent.tsx) show the problem's words.
 */
import type { InboxMessageView } from '@switchboard/shared';
import type { NewEvent } from '../outbox/types.ts';

/** The form as typed: a `YYYY-MM-DD` day and `HH:MM` hours (the end optional). */
export interface EventForm {
  name: string;
  day: string;
  start: string;
  end: string;
  place: string;
  description: string;
}

export type EventProblem = 'newEvent.noName' | 'newEvent.noDate' | 'newEvent.past' | 'newEvent.endBeforeStart' | 'changeEvent.unchanged';

/** ms of a local day and time, or null when either is not one. */
function localMs(day: string, time: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(time)) return null;
  // A date-time without a zone is local time.
  const ms = new Date(`${day}T${time}`).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** The event the form describes, or what is wrong with it. */
export function eventFromForm(f: EventForm, now: number): { event: NewEvent } | { problem: EventProblem } {
  const name = f.name.trim();
  if (!name) return { problem: 'newEvent.noName' };
  const startAt = localMs(f.day, f.start);
  if (startAt === null) return { problem: 'newEvent.noDate' };
  if (startAt < now) return { problem: 'newEvent.past' };
  const endAt = f.end ? localMs(f.day, f.end) : undefined;
  if (endAt === null || (endAt !== undefined && endAt <= startAt)) return { problem: 'newEvent.endBeforeStart' };
  const [place, description] = [f.place.trim(), f.description.trim()];
  return { event: { name, startAt, ...(endAt !== undefined ? { endAt } : {}), ...(place ? { place: { name: place } } : {}), ...(description ? { description } : {}) } };
}

const two = (n: number) => String(n).padStart(2, '0');
/** A local day as the date field holds it. */
const dayOf = (d: Date) => `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
/** A local time as the time field holds it. */
const timeOf = (d: Date) => `${two(d.getHours())}:${two(d.getMinutes())}`;

/** The form a new event starts from: tomorrow at 10:00 for an hour, in this device's zone. */
export function blankEventForm(now: number): EventForm {
  return { name: '', day: dayOf(new Date(now + 86_400_000)), start: '10:00', end: '11:00', place: '', description: '' };
}

/** How the form shows an event's place: its name, else its address. */
const placeText = (p: NonNullable<InboxMessageView['event']>['place']) => p?.name ?? p?.address ?? '';

/** The form of an event sent, to change it (in this device's zone). */
export function formOfEvent(m: Pick<InboxMessageView, 'text' | 'caption' | 'event'>): EventForm {
  const e = m.event;
  const start = new Date(e?.startAt ?? 0);
  return { name: m.text ?? '', day: dayOf(start), start: timeOf(start), end: e?.endAt ? timeOf(new Date(e.endAt)) : '', place: placeText(e?.place), description: m.caption ?? '' };
}

/**
 * The event sent as the form now describes it, or what is wrong with it: the place it had (with
 * its address and map) stays while its words are not touched; nothing changed is a problem too.
 */
export function changedEvent(f: EventForm, m: Pick<InboxMessageView, 'text' | 'caption' | 'event'>, now: number): { event: NewEvent } | { problem: EventProblem } {
  const before = formOfEvent(m);
  if (JSON.stringify(f) === JSON.stringify(before)) return { problem: 'changeEvent.unchanged' };
  const read = eventFromForm(f, now);
  if ('problem' in read) return read;
  const kept = m.event?.place && f.place.trim() === before.place ? { place: m.event.place } : {};
  return { event: { ...read.event, ...kept } };
}
