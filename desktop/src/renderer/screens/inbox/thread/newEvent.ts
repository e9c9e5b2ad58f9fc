/**
 * *Crear evento*'s form as an event to send: the day and the hours as typed (in this device's
 * zone), checked. Pure: the dialog (NewEvent.tsx) shows the problem's words.
 */
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

export type EventProblem = 'newEvent.noName' | 'newEvent.noDate' | 'newEvent.past' | 'newEvent.endBeforeStart';

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

/** The form a new event starts from: tomorrow at 10:00 for an hour, in this device's zone. */
export function blankEventForm(now: number): EventForm {
  const d = new Date(now + 86_400_000);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { name: '', day, start: '10:00', end: '11:00', place: '', description: '' };
}
