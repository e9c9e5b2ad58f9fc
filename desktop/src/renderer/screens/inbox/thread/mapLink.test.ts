import { describe, expect, it } from 'vitest';
import { mapHref, readMapLink } from './mapLink.ts';

const at = (latitude: number, longitude: number) => ({ ok: true, place: { latitude, longitude } });

describe('readMapLink', () => {
  it('reads the links people copy from map apps', () => {
    expect(readMapLink('https://www.google.com/maps/place/Puerta+del+Sol/@40.4168,-3.7038,17z/data=!3m1!4b1!4m6!3m5!1s0x0:0x0!8m2!3d40.4169!4d-3.7035')).toEqual(at(40.4169, -3.7035));
    expect(readMapLink('https://www.google.com/maps/@40.4168,-3.7038,15z')).toEqual(at(40.4168, -3.7038));
    expect(readMapLink('https://www.google.com/maps/search/?api=1&query=40.4168%2C-3.7038')).toEqual(at(40.4168, -3.7038));
    expect(readMapLink('https://maps.google.com/?q=40.4168,-3.7038')).toEqual(at(40.4168, -3.7038));
    expect(readMapLink('https://www.openstreetmap.org/?mlat=40.4168&mlon=-3.7038#map=16/40.4100/-3.7000')).toEqual(at(40.4168, -3.7038));
    expect(readMapLink('https://www.openstreetmap.org/#map=16/40.4168/-3.7038')).toEqual(at(40.4168, -3.7038));
    expect(readMapLink('https://maps.apple.com/?ll=40.4168,-3.7038&q=Sol')).toEqual(at(40.4168, -3.7038));
    expect(readMapLink('https://www.bing.com/maps?cp=40.4168~-3.7038&lvl=16')).toEqual(at(40.4168, -3.7038));
    expect(readMapLink('geo:40.4168,-3.7038?z=17')).toEqual(at(40.4168, -3.7038));
  });

  it('reads typed coordinates', () => {
    expect(readMapLink(' 40.4168, -3.7038 ')).toEqual(at(40.4168, -3.7038));
    expect(readMapLink('-33.8688 151.2093')).toEqual(at(-33.8688, 151.2093));
  });

  it('tells a short link (open it first) from text that names no place', () => {
    expect(readMapLink('https://maps.app.goo.gl/AbCdEf123')).toEqual({ ok: false, reason: 'short_link' });
    expect(readMapLink('goo.gl/maps/xyz')).toEqual({ ok: false, reason: 'short_link' });
    expect(readMapLink('Calle Mayor 1, Madrid')).toEqual({ ok: false, reason: 'unreadable' });
    expect(readMapLink('95.0, 10.0')).toEqual({ ok: false, reason: 'unreadable' });
    expect(readMapLink('')).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('mapHref', () => {
  it('opens the place on OpenStreetMap with a marker, which readMapLink reads back', () => {
    expect(mapHref({ latitude: 40.4168, longitude: -3.7038 })).toBe('https://www.openstreetmap.org/?mlat=40.4168&mlon=-3.7038#map=16/40.4168/-3.7038');
    expect(readMapLink(mapHref({ latitude: -33.8688, longitude: 151.2093 }, 17))).toEqual(at(-33.8688, 151.2093));
  });
});
