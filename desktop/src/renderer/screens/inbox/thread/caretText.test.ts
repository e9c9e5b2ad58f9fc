import { describe, expect, it } from 'vitest';
import { replaceBeforeCaret, typedBeforeCaret } from './caretText.ts';
import { emojiQuery } from './emoji/EmojiSuggestions.tsx';
import { mentionQuery } from '../notes/MentionButton.tsx';

describe('text typed before the caret', () => {
  const text = 'Hola :gra, te lo envío mañana';
  const mark = (at: number | null) => ({ text, at });

  it('is the text up to a caret that ends a word, wherever it is', () => {
    expect(typedBeforeCaret(text, mark(9))).toBe('Hola :gra');
    expect(emojiQuery(typedBeforeCaret(text, mark(9)))).toBe('gra');
    expect(typedBeforeCaret(text, mark(text.length))).toBe(text);
  });

  it('is nothing inside a word, or with a range selected', () => {
    expect(typedBeforeCaret(text, mark(7))).toBe('');
    expect(typedBeforeCaret(text, mark(null))).toBe('');
  });

  it('takes a caret measured in other text to be at the end (the app set the box)', () => {
    expect(typedBeforeCaret('Buenas @so', { text: 'Buenas', at: 3 })).toBe('Buenas @so');
    expect(mentionQuery(typedBeforeCaret('Buenas @so', null))).toBe('so');
  });

  it('replaces what was typed before the caret and keeps the rest, the caret after the insert', () => {
    const { text: next, at } = replaceBeforeCaret(text, mark(9), ':gra'.length, '🙏');
    expect(next).toBe('Hola 🙏, te lo envío mañana');
    expect(next.slice(0, at)).toBe('Hola 🙏');
    expect(replaceBeforeCaret('Hecho @so', null, 3, '@Sofía Marín ')).toEqual({ text: 'Hecho @Sofía Marín ', at: 19 });
  });
});
