import { describe, expect, it } from 'vitest';
import { pollProblem } from './NewPoll.tsx';

describe('pollProblem', () => {
  it('asks for a question, two options and no option twice; empty rows do not count', () => {
    expect(pollProblem(' ', ['a', 'b'])).toBe('newPoll.noQuestion');
    expect(pollProblem('¿Cuándo?', ['Mañana', '  '])).toBe('newPoll.fewOptions');
    expect(pollProblem('¿Cuándo?', ['Mañana', 'mañana '])).toBe('newPoll.sameOption');
    expect(pollProblem('¿Cuándo?', ['Mañana', '', 'Tarde'])).toBeNull();
  });
});
