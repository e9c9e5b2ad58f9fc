/**
 * Message text as people write it on WhatsApp: *bold*, _italic_, ~strikethrough~, ```mono```
 * and links — rendered as React elements (never HTML strings), so nothing a contact sends can
 * inject markup. Links open outside the app with no referrer.
 */
import type { ReactNode } from 'react';

const URL_RE = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'}]/g;
const STYLE_RE = /```([\s\S]+?)```|\*([^*\n]+)\*|_([^_\n]+)_|~([^~\n]+)~/g;

/** Splits text into links and plain runs. */
function linkify(text: string, keyPrefix: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    out.push(
      <a key={`${keyPrefix}-l${at}`} href={m[0]} target="_blank" rel="noopener noreferrer">
        {m[0]}
      </a>,
    );
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Renders WhatsApp-formatted text. */
export function formatText(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(STYLE_RE)) {
    const at = m.index ?? 0;
    if (at > last) out.push(...linkify(text.slice(last, at), `p${at}`));
    const [, mono, bold, italic, strike] = m;
    if (mono !== undefined) out.push(<code key={`c${at}`}>{mono}</code>);
    else if (bold !== undefined) out.push(<strong key={`b${at}`}>{linkify(bold, `b${at}`)}</strong>);
    else if (italic !== undefined) out.push(<em key={`i${at}`}>{linkify(italic, `i${at}`)}</em>);
    else if (strike !== undefined) out.push(<s key={`s${at}`}>{linkify(strike, `s${at}`)}</s>);
    last = at + m[0].length;
  }
  if (last < text.length) out.push(...linkify(text.slice(last), 'end'));
  return out;
}
