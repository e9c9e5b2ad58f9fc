/** Presents a stored message as the events' MessageView: the one presenter in shared (also used by REST). */
export { toMessageView as toView } from '@switchboard/shared/node';

/** A short chat-list preview of a message (a body: never logged). */
export function previewOf(m: { kind: string; text?: string | null; caption?: string | null }): string {
  const body = m.kind === 'contact' ? m.caption : (m.text ?? m.caption);
  if (body) return body.length > 120 ? `${body.slice(0, 117)}...` : body;
  return `[${m.kind}]`;
}
