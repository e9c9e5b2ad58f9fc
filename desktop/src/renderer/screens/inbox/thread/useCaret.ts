import { useCallback, useState, type RefObject } from 'react';
import { replaceBeforeCaret, typedBeforeCaret, type CaretMark } from './caretText.ts';

/** The reply box's caret: what was typed before it, and edits made where it is. */
export interface Caret {
  /** The text before the caret when it ends a word, else '' (caretText.ts). */
  typed: string;
  /** Measures the caret (on every change and every move of the caret or the selection). */
  track(el: HTMLTextAreaElement): void;
  /** Replaces the `length` characters before the caret with `insert`; the caret follows it. */
  replaceTyped(length: number, insert: string): void;
  /** Writes `s` where the caret is (replacing a selection); the caret follows it. */
  insert(s: string): void;
}

/** Follows the caret of `area`, whose text is `text` (set with `setText`). */
export function useCaret(area: RefObject<HTMLTextAreaElement | null>, text: string, setText: (text: string) => void): Caret {
  const [mark, setMark] = useState<CaretMark | null>(null);
  const track = useCallback((el: HTMLTextAreaElement) => setMark({ text: el.value, at: el.selectionStart === el.selectionEnd ? el.selectionStart : null }), []);
  const place = (next: string, at: number) => {
    setText(next);
    setMark({ text: next, at });
    const el = area.current;
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at, at);
    });
  };
  return {
    typed: typedBeforeCaret(text, mark),
    track,
    replaceTyped: (length, insert) => {
      const next = replaceBeforeCaret(text, mark, length, insert);
      place(next.text, next.at);
    },
    insert: (s) => {
      const el = area.current;
      const at = el?.selectionStart ?? text.length;
      place(text.slice(0, at) + s + text.slice(el?.selectionEnd ?? at), at + s.length);
    },
  };
}
