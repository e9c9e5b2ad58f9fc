import { partyLabel } from './inbox.ts';
import type { MessageMention } from './messages.ts';

/** `@` and digits, not inside a word or an email address. */
const MENTION_RE = /(?<![\w.@])@(\d{3,20})(?!\d)/g;

/** Whether `text` writes a mention of `user` (digits) as WhatsApp does: `@` and the digits. */
export function writesMention(text: string, user: string): boolean {
  for (const found of text.matchAll(MENTION_RE)) if (found[1] === user) return true;
  return false;
}

/**
 * Where a message's text mentions someone: each `@digits` that names one of `mentions`, with
 * what to show for it (`@` and what partyLabel calls them, else the digits as written). `account`:
 * what to call the session's own account (the session's name).
 */
export function mentionSpans(text: string, mentions: readonly MessageMention[] | undefined, account?: string): { at: number; length: number; label: string; mention: MessageMention }[] {
  if (!mentions?.length) return [];
  const byUser = new Map(mentions.map((m) => [m.user, m]));
  const out: { at: number; length: number; label: string; mention: MessageMention }[] = [];
  for (const found of text.matchAll(MENTION_RE)) {
    const mention = byUser.get(found[1]!);
    if (!mention) continue;
    out.push({ at: found.index ?? 0, length: found[0].length, label: `@${partyLabel(mention, account) ?? found[1]}`, mention });
  }
  return out;
}

/** The text with every mention shown by name (chat previews, notifications, exports). */
export function textWithMentionNames(text: string, mentions: readonly MessageMention[] | undefined, account?: string): string {
  let out = '';
  let last = 0;
  for (const span of mentionSpans(text, mentions, account)) {
    out += text.slice(last, span.at) + span.label;
    last = span.at + span.length;
  }
  return out + text.slice(last);
}
