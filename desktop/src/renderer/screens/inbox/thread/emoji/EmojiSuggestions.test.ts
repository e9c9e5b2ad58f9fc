import { describe, expect, it } from 'vitest';
import { emojiQuery } from './EmojiSuggestions.tsx';

describe('the `:` emoji shortcut', () => {
  it('offers emoji for a `:word` of two letters or more at the end, after a space or at the start', () => {
    expect(emojiQuery(':gr')).toBe('gr');
    expect(emojiQuery('Muchas gracias :corazón')).toBe('corazón');
    // Times, labels and emoticons are not emoji names.
    for (const text of ['a las 9:30', 'Horario:lunes', 'Hola :)', 'Hola :', 'Hola :c', ':gracias ']) expect(emojiQuery(text)).toBeNull();
  });
});
