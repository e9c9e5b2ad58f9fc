/**
 * Where the caret is in the reply box, for the suggestions typed there (`:gracias`, `@Sofía`):
 * they look at the text before the caret, wherever it is (a word added in the middle of a draft
 * gets them too), and a pick replaces what was typed there, leaving the rest of the text as it was.
 */

/** The caret as last measured in `text` (null: not measured, or a range is selected). */
export interface CaretMark {
  text: string;
  at: number | null;
}

/**
 * The text before the caret when the caret ends a word (at the end of the text, or before a
 * space or a punctuation mark), else ''. A caret measured in another text (the box set by the app: a canned reply, a
 * send) is taken to be at the end, where the browser puts it.
 */
export function typedBeforeCaret(text: string, mark: CaretMark | null): string {
  const at = caretIn(text, mark);
  if (at === null) return '';
  return at === text.length || !/[\p{L}\p{N}_]/u.test(text[at]!) ? text.slice(0, at) : '';
}

/** The caret's offset in `text` (null when a range is selected). */
export function caretIn(text: string, mark: CaretMark | null): number | null {
  if (!mark || mark.text !== text) return text.length;
  return mark.at === null ? null : Math.min(mark.at, text.length);
}

/**
 * `text` with the `length` characters before the caret replaced by `insert`, and where the caret
 * goes then (right after the insert).
 */
export function replaceBeforeCaret(text: string, mark: CaretMark | null, length: number, insert: string): { text: string; at: number } {
  const at = caretIn(text, mark) ?? text.length;
  const from = Math.max(0, at - length);
  return { text: text.slice(0, from) + insert + text.slice(at), at: from + insert.length };
}
