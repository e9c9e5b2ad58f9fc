import { describe, expect, it } from 'vitest';
import { initials } from './initials.ts';

describe('initials', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initials('Elena Ruiz')).toBe('ER');
    expect(initials('  maría josé  de la Peña ')).toBe('MP');
    expect(initials('Admin')).toBe('A');
    expect(initials('Ñandú Ávila')).toBe('ÑÁ');
  });

  it('skips words that start with an emoji or a symbol instead of cutting a character in half', () => {
    expect(initials('🌸 Ali')).toBe('A');
    expect(initials('Ali 🌸')).toBe('A');
    expect(initials('(Tienda) 24h')).toBe('2');
    expect(initials('📦')).toBe('?');
    expect(initials('')).toBe('?');
  });
});
