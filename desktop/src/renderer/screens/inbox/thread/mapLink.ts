/**
 * A place from what a person pastes: a map link (Google Maps, OpenStreetMap, Apple Maps, Bing, a
 * `geo:` URI) or coordinates typed as `40.4168, -3.7038`. Short links (`maps.app.goo.gl`,
 * `goo.gl/maps`) carry no coordinates until opened, which the inbox does not do: they are told
 * apart so the person is asked for the full link.
 */

/** Coordinates in degrees. */
export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** A map of the place, to open in the browser: OpenStreetMap with a marker on it. */
export function mapHref({ latitude, longitude }: Coordinates, zoom = 16): string {
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=${zoom}/${latitude}/${longitude}`;
}

/** What a pasted text says: a place, a short link to open first, or nothing readable. */
export type MapLinkResult = { ok: true; place: Coordinates } | { ok: false; reason: 'short_link' | 'unreadable' };

const NUMBER = String.raw`[-+]?\d{1,3}(?:\.\d+)?`;

function place(lat: string | undefined, lng: string | undefined): Coordinates | null {
  const latitude = Number(lat);
  const longitude = Number(lng);
  if (lat === undefined || lng === undefined || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { latitude, longitude };
}

/** Reads a place from a link or typed coordinates. */
export function readMapLink(input: string): MapLinkResult {
  const text = input.trim();
  if (/^(https?:\/\/)?(maps\.app\.goo\.gl|goo\.gl\/maps)\//i.test(text)) return { ok: false, reason: 'short_link' };
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // Not URI-encoded as a whole: read it as it is.
  }
  const patterns = [
    // Google's pin (more precise than the view's centre), then the view's centre.
    new RegExp(String.raw`!3d(${NUMBER})!4d(${NUMBER})`),
    new RegExp(String.raw`@(${NUMBER}),(${NUMBER})`),
    // ?q= / query= / ll= / sll= / cp= (Bing: lat~lng), geo: URIs.
    new RegExp(String.raw`[?&](?:q|query|ll|sll|daddr|destination)=(?:loc:)?(${NUMBER}),\s*(${NUMBER})`),
    new RegExp(String.raw`[?&]cp=(${NUMBER})~(${NUMBER})`),
    new RegExp(String.raw`^geo:(${NUMBER}),(${NUMBER})`),
    // OpenStreetMap: a marker, else the map's centre.
    new RegExp(String.raw`[?&]mlat=(${NUMBER})&mlon=(${NUMBER})`),
    new RegExp(String.raw`#map=\d+/(${NUMBER})/(${NUMBER})`),
    // Typed: "40.4168, -3.7038" (a space or a comma between).
    new RegExp(String.raw`^(${NUMBER})\s*[,\s]\s*(${NUMBER})$`),
  ];
  for (const pattern of patterns) {
    const found = pattern.exec(decoded);
    const at = found && place(found[1], found[2]);
    if (at) return { ok: true, place: at };
  }
  return { ok: false, reason: 'unreadable' };
}
