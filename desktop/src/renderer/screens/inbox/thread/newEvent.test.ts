import { describe, expect, it } from 'vitest';
import { blankEventForm, changedEvent, eventFromForm, formOfEvent } from './newEvent.ts';

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

describe('changing an event sent', () => {
  const startAt = new Date('2026-12-21T10:30').getTime();
  const sent = { text: 'Prueba del vestido', caption: 'Trae los zapatos', event: { startAt, endAt: new Date('2026-12-21T11:15').getTime(), place: { name: 'Tienda Centro', address: 'Calle Mayor 3', latitude: 40.4, longitude: -3.7 } } };

  it('fills the form with the event as sent, in this zone', () => {
    expect(formOfEvent(sent)).toEqual(form);
    expect(formOfEvent({ text: 'Cita', event: { startAt, place: { address: 'Calle Alta 9' } } })).toEqual({ name: 'Cita', day: '2026-12-21', start: '10:30', end: '', place: 'Calle Alta 9', description: '' });
  });

  it('keeps the place it had (address and map) while its words stay, and takes the new one typed', () => {
    expect(changedEvent({ ...form, start: '12:00', end: '' }, sent, NOW)).toEqual({ event: { name: 'Prueba del vestido', startAt: new Date('2026-12-21T12:00').getTime(), place: sent.event.place, description: 'Trae los zapatos' } });
    expect(changedEvent({ ...form, place: 'Tienda Norte' }, sent, NOW)).toMatchObject({ event: { place: { name: 'Tienda Norte' } } });
    expect(changedEvent({ ...form, place: '' }, sent, NOW)).not.toHaveProperty('event.place');
  });

  it('says so when nothing changed, and checks the rest as a new event', () => {
    expect(changedEvent(form, sent, NOW)).toEqual({ problem: 'changeEvent.unchanged' });
    expect(changedEvent({ ...form, day: '2026-12-06' }, sent, NOW)).toEqual({ problem: 'newEvent.past' });
  });
});
