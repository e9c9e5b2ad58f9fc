/**
 * HTTP Range parsing for media downloads (RFC 9110 §14). One range is served; a header with
 * several ranges, or one that does not parse, is ignored and the whole file is sent (allowed
 * by the RFC). A range that starts past the end is unsatisfiable (416).
 */

/** Outcome of parsing a Range header against a file size. */
export type RangeResult =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number } // end inclusive
  | { kind: 'unsatisfiable' };

const SINGLE = /^bytes=(\d*)-(\d*)$/;

/** Parses `Range` for a file of `size` bytes. */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return { kind: 'full' };
  const m = SINGLE.exec(header.trim());
  if (!m) return { kind: 'full' };
  const [, rawStart = '', rawEnd = ''] = m;
  if (rawStart === '' && rawEnd === '') return { kind: 'full' };
  if (rawStart === '') {
    // Suffix range: the last N bytes.
    const suffix = Number(rawEnd);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(rawStart);
  const end = rawEnd === '' ? size - 1 : Math.min(Number(rawEnd), size - 1);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return { kind: 'full' };
  if (rawEnd !== '' && Number(rawEnd) < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

/** `Content-Range` value of a partial response. */
export const contentRange = (start: number, end: number, size: number): string => `bytes ${start}-${end}/${size}`;
