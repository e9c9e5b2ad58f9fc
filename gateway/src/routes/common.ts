import { z } from '../openapi/zod.ts';

/** A MongoDB ObjectId as a 24-hex string. */
export const objectId = z.string().regex(/^[0-9a-fA-F]{24}$/, 'Must be a 24-character hex id').openapi({ example: '665f1c2b9d3e4a0012345678' });

/** A session id as used in URLs. */
export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Letters, digits, _ and - (1-64)').openapi({ example: 'ventas-1' });

/** A phone number in international format: `+`, spaces, dashes and brackets dropped, 6-15 digits left. */
export const phoneNumberSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s+()-]/g, ''))
  .pipe(z.string().regex(/^\d{6,15}$/, 'Phone number in international format, digits only'));

/** `:sessionId` path params. */
export const sessionParams = z.object({ sessionId: sessionIdSchema });

/** Escapes a user's text for use inside a `$regex` (a search for "a.b" finds "a.b", not "axb"). */
export { escapeRegex } from '@switchboard/shared';

/** Page and limit query parameters shared by every list. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The largest distance from the epoch a JavaScript Date (and a BSON date) can hold, in ms. */
export const MAX_DATE_MS = 8.64e15;

/**
 * A time in ms since the epoch as a query parameter: a whole number between `min` and the
 * largest date, so `?before=9007199254740991` is a 400, not an Invalid Date reaching the database.
 */
export const epochMsQuery = (min = 0) => z.coerce.number().int().min(min).max(MAX_DATE_MS);

/** An ISO-8601 date-time with an offset (`2026-01-31T10:00:00Z`) as a query parameter; it must name a real date. */
export const isoDateTimeQuery = z.iso
  .datetime({ offset: true })
  .refine((s) => !Number.isNaN(Date.parse(s)), 'Not a valid date')
  .openapi({ example: '2026-01-31T10:00:00Z' });

/** Pagination derived from a validated page query. */
export function paging(q: { page: number; limit: number }): { skip: number; limit: number; page: number } {
  return { skip: (q.page - 1) * q.limit, limit: q.limit, page: q.page };
}

/** The list envelope `{data, total, page, limit}` around an item schema. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), total: z.number().int(), page: z.number().int(), limit: z.number().int() });
}

/** Builds a list response. */
export function listResponse<T>(data: T[], total: number, q: { page: number; limit: number }) {
  return { data, total, page: q.page, limit: q.limit };
}

/** The error envelope, documented once. */
export const errorEnvelope = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .openapi('Error');

/** `{ ok: true }` answer of actions without a resource to return. */
export const okSchema = z.object({ ok: z.literal(true) }).openapi('Ok');

/** A password as accepted on input (length bounds only; policy in passwordPolicy). */
export const passwordSchema = z.string().min(8, 'At least 8 characters').max(256);

/** An email address, normalised to lowercase. */
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(320));

/** True when the runtime knows the IANA time zone. */
export function knownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone (`Europe/Madrid`), refused with a clear message when unknown. */
export const timeZoneSchema = z.string().max(64).refine(knownTimeZone, 'Unknown time zone (use an IANA name such as Europe/Madrid)');
