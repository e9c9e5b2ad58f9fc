/**
 * Message text as people write it on WhatsApp: *bold*, _italic_, ~strikethrough~, ```mono```,
 * links and mentions (`@` and a number WhatsApp lists as mentioned, shown by the person's name)
 * — rendered as React elements (never HTML strings), so nothing a contact sends can inject
 * markup. Links open outside the app with no referrer.
 */
import { mentionSpans, type MessageMention } from '@switchboard/shared';
import type { ReactNode } from 'react';

/** Whom a message mentions, and what to call the session's own account. */
export interface MentionContext {
  mentions: readonly MessageMention[];
  account: string;
}

const URL_RE = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'}]/g;
const STYLE_RE = /```([\s\S]+?)```|\*([^*\n]+)\*|_([^_\n]+)_|~([^~\n]+)~/g;

/** Splits plain text into mentions (by name) and the rest. */
function mentionify(text: string, keyPrefix: string, ctx: MentionContext | undefined): ReactNode[] {
  const spans = ctx ? mentionSpans(text, ctx.mentions, ctx.account) : [];
  if (spans.length === 0) return [text];
  const out: ReactNode[] = [];
  let last = 0;
  for (const span of spans) {
    if (span.at > last) out.push(text.slice(last, span.at));
    out.push(
      <span key={`${keyPrefix}-m${span.at}`} className={span.mention.isAccount ? 'mention mention-account' : 'mention'} title={text.slice(span.at, span.at + span.length)}>
        {span.label}
      </span>,
    );
    last = span.at + span.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Splits text into links, mentions and plain runs. */
function linkify(text: string, keyPrefix: string, ctx?: MentionContext): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const at = m.index ?? 0;
    if (at > last) out.push(...mentionify(text.slice(last, at), `${keyPrefix}-t${last}`, ctx));
    out.push(
      <a key={`${keyPrefix}-l${at}`} href={m[0]} target="_blank" rel="noopener noreferrer">
        {m[0]}
      </a>,
    );
    last = at + m[0].length;
  }
  if (last < text.length) out.push(...mentionify(text.slice(last), `${keyPrefix}-t${last}`, ctx));
  return out;
}

/** Renders WhatsApp-formatted text; `mentions` draws the people it mentions by name. */
export function formatText(text: string, mentions?: MentionContext): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(STYLE_RE)) {
    const at = m.index ?? 0;
    if (at > last) out.push(...linkify(text.slice(last, at), `p${at}`, mentions));
    const [, mono, bold, italic, strike] = m;
    if (mono !== undefined) out.push(<code key={`c${at}`}>{mono}</code>);
    else if (bold !== undefined) out.push(<strong key={`b${at}`}>{linkify(bold, `b${at}`, mentions)}</strong>);
    else if (italic !== undefined) out.push(<em key={`i${at}`}>{linkify(italic, `i${at}`, mentions)}</em>);
    else if (strike !== undefined) out.push(<s key={`s${at}`}>{linkify(strike, `s${at}`, mentions)}</s>);
    last = at + m[0].length;
  }
  if (last < text.length) out.push(...linkify(text.slice(last), 'end', mentions));
  return out;
}
