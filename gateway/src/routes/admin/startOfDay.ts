/**
 * When the day containing an instant began in a time zone (its local midnight), for *Mensajes
 * hoy*: from the zone's own clock at that instant (`localClock`), so a device whose clock is off
 * still counts its day. Pure.
 */
import { localClock } from '@switchboard/shared';

const MINUTE = 60_000;

/** The instant (ms) the day containing `at` began in `timeZone` (an IANA name). */
export function startOfDayIn(at: number, timeZone: string): number {
  const now = localClock(at, timeZone);
  const guess = Math.floor(at / MINUTE) * MINUTE - now.minutes * MINUTE;
  // The clocks changed since midnight (a DST night): the guess is an hour off; move it onto midnight.
  const there = localClock(guess, timeZone);
  return there.date === now.date ? guess - there.minutes * MINUTE : guess + (1440 - there.minutes) * MINUTE;
}
