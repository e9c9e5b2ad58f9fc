import { textWithMentionNames, type MessageMention } from '@switchboard/shared';

/** Presents a stored message as the events' MessageView: the one presenter in shared (also used by REST). */
export { toMessageView as toView } from '@switchboard/shared/node';

/** A short chat-list preview of a message (a body: never logged), its mentions shown by name. */
export function previewOf(m: { kind: string; text?: string | null; caption?: string | null; mentions?: readonly MessageMention[] }): string {
  const raw = m.kind === 'contact' ? m.caption : (m.text ?? m.caption);
  const body = raw && m.mentions?.length ? textWithMentionNames(raw, m.mentions) : raw;
  if (body) return body.length > 120 ? `${body.slice(0, 117)}...` : body;
  return `[${m.kind}]`;
}
