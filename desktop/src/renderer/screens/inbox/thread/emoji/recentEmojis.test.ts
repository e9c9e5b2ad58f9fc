import { describe, expect, it } from 'vitest';
import { FAVOURITE_EMOJIS, frequentEmojis, RECENT_LIMIT, withRecent } from './recentEmojis.ts';

describe('recent emoji', () => {
  it('puts the latest pick first once, whatever its variation selector, and keeps a bounded list', () => {
    expect(withRecent(['😀', '❤'], '❤️')).toEqual(['❤️', '😀']);
    const many = Array.from({ length: RECENT_LIMIT }, (_, i) => String.fromCodePoint(0x1f600 + i));
    expect(withRecent(many, '🙏')).toHaveLength(RECENT_LIMIT);
    expect(withRecent(many, '🙏')[0]).toBe('🙏');
  });

  it('offers the recent picks first, then the favourites not among them', () => {
    expect(frequentEmojis([])).toEqual(FAVOURITE_EMOJIS);
    const mixed = frequentEmojis(['🦄', '🙏']);
    expect(mixed.slice(0, 2)).toEqual(['🦄', '🙏']);
    expect(mixed.filter((e) => e === '🙏')).toHaveLength(1);
    expect(mixed).toHaveLength(FAVOURITE_EMOJIS.length + 1);
  });
});
