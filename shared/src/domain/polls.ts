/**
 * A poll as Switchboard stores it: its question, then each option, one per line, in the
 * message's `text` (WhatsApp keeps options to one line each). `pollParts` reads it back;
 * `pollFields` writes what an API client asks for.
 */

/** The most options WhatsApp lets a poll have. */
export const MAX_POLL_OPTIONS = 12;

/** The question and options of a poll's stored text. */
export function pollParts(text: string | null | undefined): { question: string; options: string[] } {
  const [question = '', ...options] = (text ?? '').split('\n');
  return { question, options };
}

/** A poll's stored fields from what a client asks for (one answer each, unless `multiple`). */
export function pollFields(poll: { name: string; options: readonly string[]; multiple?: boolean | undefined }): { text: string; pollMultiple?: true } {
  const oneLine = (s: string) => s.replace(/\s*\r?\n\s*/g, ' ').trim();
  return { text: [oneLine(poll.name), ...poll.options.map(oneLine)].join('\n'), ...(poll.multiple ? { pollMultiple: true as const } : {}) };
}
