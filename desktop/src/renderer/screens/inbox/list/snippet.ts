import { searchPattern } from '@switchboard/shared';

/** A piece of a hit's text: `match` parts are what the search found. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

const BEFORE = 30;
const LENGTH = 140;

/**
 * The part of `text` to show for a search hit: from a little before the first match (with "…"
 * when cut), every match marked, with the same accent- and case-blind matching as the server.
 */
export function snippet(text: string, q: string): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const re = new RegExp(searchPattern(q.trim()), 'gi');
  const first = re.exec(flat);
  const start = first && first.index > BEFORE ? first.index - BEFORE : 0;
  const end = Math.min(flat.length, start + LENGTH);
  const shown = flat.slice(start, end);
  const parts: SnippetPart[] = [];
  const push = (t: string, match: boolean) => t && parts.push({ text: t, match });
  let at = 0;
  re.lastIndex = 0;
  for (let m = re.exec(shown); m && q.trim(); m = re.exec(shown)) {
    if (m[0].length === 0) break;
    push(shown.slice(at, m.index), false);
    push(m[0], true);
    at = m.index + m[0].length;
  }
  push(shown.slice(at), false);
  if (start > 0) parts.unshift({ text: '…', match: false });
  if (end < flat.length) parts.push({ text: '…', match: false });
  return parts;
}
