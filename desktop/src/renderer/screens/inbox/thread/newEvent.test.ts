import { describe, expect, it } from 'vitest';
import { blankEventForm, eventFromForm } from './newEvent.ts';

const NOW = new Date('2026-12-07T12:00:00').getTime();
const form = { name: 'Prueba del vestido', day: '2026-12-21', start: '10:30', end: '11:15', place: 'Tienda Centro', description: 'Trae los zapatos' };

describe('eventFromForm', () => {
  it('reads the day and hours in this zone, trims the words, and leaves out what is empty', () => {
    expect(eventFromForm({ ...form, name: ' Prueba del vestido ' }, NOW)).toEqual({
      event: { name: 'Prueba del vestido', startAt: new Date('2026-12-21T10:30').getTime(), endAt: new Date('2026-12-21T11:15').getTime(), place: { name: 'Tienda Centro' }, description: 'Trae los zapatos' },
    });
    expect(eventFromForm({ ...form, end: '', place: ' ', description: '' }, NOW)).toEqual({ event: { name: 'Prueba del vestido', startAt: new Date('2026-12-21T10:30').getTime() } });
  });

  it('asks for a name and a day and time, in the future, ending after it starts', () => {
    expect(eventFromForm({ ...form, name: '  ' }, NOW)).toEqual({ problem: 'newEvent.noName' });
    expect(eventFromForm({ ...form, day: '' }, NOW)).toEqual({ problem: 'newEvent.noDate' });
    expect(eventFromForm({ ...form, start: '' }, NOW)).toEqual({ problem: 'newEvent.noDate' });
    expect(eventFromForm({ ...form, day: '2026-12-06' }, NOW)).toEqual({ problem: 'newEvent.past' });
    expect(eventFromForm({ ...form, end: '10:30' }, NOW)).toEqual({ problem: 'newEvent.endBeforeStart' });
    expect(eventFromForm({ ...form, end: '09:00' }, NOW)).toEqual({ problem: 'newEvent.endBeforeStart' });
  });

  it('starts from tomorrow at 10:00 for an hour', () => {
    expect(blankEventForm(NOW)).toEqual({ name: '', day: '2026-12-08', start: '10:00', end: '11:00', place: '', description: '' });
  });
});
