import es from 'emojibase-data/es/data.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { buildCatalog, emojiKey, fold, MAX_EMOJI_VERSION, searchEmojis, toned, type RawEmoji } from './emojiCatalog.ts';

const catalog = buildCatalog(es as RawEmoji[]);
const find = (e: string) => catalog.find((x) => emojiKey(x.emoji) === emojiKey(e));

describe('the emoji catalogue', () => {
  it('holds one emoji per kind, in phone order, by category, no newer than systems draw', () => {
    expect(catalog.length).toBeGreaterThan(1500);
    expect(catalog[0]?.emoji).toBe('😀');
    expect(find('🙏')).toMatchObject({ label: 'manos en oración', group: 1 });
    // Emoji 15 (the shaking face), skin-tone variants, regional letters and components are out.
    const raw = es as RawEmoji[];
    expect(raw.some((e) => e.emoji === '🫨' && e.version > MAX_EMOJI_VERSION)).toBe(true);
    expect(find('🫨')).toBeUndefined();
    expect(find('👍🏽')).toBeUndefined();
    expect(catalog.some((e) => e.group === 2)).toBe(false);
    expect(new Set(catalog.map((e) => e.group))).toEqual(new Set([0, 1, 3, 4, 5, 6, 7, 8, 9]));
  });

  it('finds emoji by Spanish name or keyword, accents and case ignored, names that start with it first', () => {
    expect(searchEmojis(catalog, 'gracias').map((e) => e.emoji)).toContain(find('🙏')!.emoji);
    const hearts = searchEmojis(catalog, 'Corazon');
    expect(hearts[0]?.label.startsWith('corazón')).toBe(true);
    expect(hearts.map((e) => e.emoji)).toContain(find('❤️')!.emoji);
    // Every word must match.
    expect(searchEmojis(catalog, 'corazón verde').map((e) => e.emoji)).toEqual([find('💚')!.emoji]);
    expect(searchEmojis(catalog, '   ')).toEqual([]);
    expect(searchEmojis(catalog, 'zzzqqq')).toEqual([]);
    expect(searchEmojis(catalog, 'a', 10)).toHaveLength(10);
  });

  it('gives the emoji that have skin tones in the tone asked, and the others as they are', () => {
    const thumb = find('👍')!;
    expect(thumb.tones).toHaveLength(5);
    expect(toned(thumb, 3)).toBe('👍🏽');
    expect(toned(thumb, 0)).toBe(thumb.emoji);
    expect(find('❤️')!.tones).toBeUndefined();
    expect(toned(find('❤️')!, 5)).toBe(find('❤️')!.emoji);
  });

  it('folds accents, case and variation selectors away', () => {
    expect(fold('Corazón ROJO')).toBe('corazon rojo');
    expect(emojiKey('❤️')).toBe(emojiKey('❤'));
  });
});
