import { describe, expect, it } from 'vitest';
import { votersInWords } from './MessageCards.tsx';

describe('votersInWords', () => {
  const more = (n: number) => `y ${n} más`;
  it('names up to three voters, then says how many more', () => {
    expect(votersInWords([], more)).toBe('');
    expect(votersInWords(['Lucía', 'Diego', 'Ana'], more)).toBe('Lucía, Diego, Ana');
    expect(votersInWords(['Lucía', 'Diego', 'Ana', 'Eva', 'Luis'], more)).toBe('Lucía, Diego, Ana y 2 más');
  });
});
