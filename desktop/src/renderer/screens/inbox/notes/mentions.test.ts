import { describe, expect, it } from 'vitest';
import { matchPeople, mentionQuery, mentionsIn } from './MentionButton.tsx';

const PEOPLE = [
  { id: '1', name: 'Elena Ruiz' },
  { id: '2', name: 'Sofía Marín' },
  { id: '3', name: 'Ángel Sanz' },
];

describe('mentions in notes', () => {
  it('finds the @ being typed at the end of the note, not an e-mail address or a finished name', () => {
    expect(mentionQuery('@')).toBe('');
    expect(mentionQuery('Revisa esto @so')).toBe('so');
    expect(mentionQuery('Escribe a ana@empresa.es')).toBeNull();
    expect(mentionQuery('Hecho @Sofía Marín ')).toBeNull();
    expect(mentionQuery('sin arroba')).toBeNull();
  });

  it('matches the start of any word of a name, accents and capitals aside', () => {
    expect(matchPeople(PEOPLE, '').map((p) => p.id)).toEqual(['1', '2', '3']);
    expect(matchPeople(PEOPLE, 'sofia').map((p) => p.id)).toEqual(['2']);
    expect(matchPeople(PEOPLE, 'mar').map((p) => p.id)).toEqual(['2']);
    expect(matchPeople(PEOPLE, 'angel').map((p) => p.id)).toEqual(['3']);
    expect(matchPeople(PEOPLE, 'uiz')).toEqual([]);
  });

  it('keeps only the picked colleagues still named in the note', () => {
    const picked = new Map([['1', 'Elena Ruiz'], ['2', 'Sofía Marín']]);
    expect(mentionsIn('@Elena Ruiz mira esto', picked)).toEqual(['1']);
    expect(mentionsIn('nadie', picked)).toEqual([]);
  });
});
