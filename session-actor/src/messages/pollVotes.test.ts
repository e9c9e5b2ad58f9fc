import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pickedOptions, withVote } from './pollVotes.ts';

const hash = (name: string) => createHash('sha256').update(name).digest();
const at = (s: number) => new Date(s * 1000);

describe('pickedOptions', () => {
  it("names the options a vote picked by their hashes, and drops one the poll does not have", () => {
    const poll = '¿Qué día?\nLunes\nMartes\nMiércoles';
    expect(pickedOptions(poll, [hash('Martes'), hash('Lunes')])).toEqual(['Martes', 'Lunes']);
    expect(pickedOptions(poll, [hash('Domingo')])).toEqual([]);
    // The question is not an option.
    expect(pickedOptions(poll, [hash('¿Qué día?')])).toEqual([]);
  });
});

describe('withVote', () => {
  const ana = { voter: 'ana', options: ['Lunes'], at: at(10) };
  it("adds a voter's first vote and replaces it with a newer one", () => {
    expect(withVote([], ana)).toEqual([ana]);
    const later = { voter: 'ana', options: ['Martes'], at: at(20) };
    expect(withVote([ana, { voter: 'luis', options: ['Lunes'], at: at(12) }], later)).toEqual([{ voter: 'luis', options: ['Lunes'], at: at(12) }, later]);
  });

  it('keeps a vote taken back (so an older one replayed later changes nothing), and ignores replays', () => {
    const back = { voter: 'ana', options: [], at: at(20) };
    const votes = withVote([ana], back)!;
    expect(votes).toEqual([back]);
    expect(withVote(votes, ana)).toBeNull();
    expect(withVote([ana], { ...ana })).toBeNull();
    // Nothing to take back: nothing changes.
    expect(withVote([], { voter: 'luis', options: [], at: at(5) })).toBeNull();
  });
});
