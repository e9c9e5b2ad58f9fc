import { describe, expect, it } from 'vitest';
import { DRAFT_MAX_AGE_MS, DRAFT_MAX_COUNT, pruneDrafts, withDraft, type Drafts } from './drafts.ts';

describe('reply drafts', () => {
  it('keeps the text typed per chat, and drops it when the box is emptied', () => {
    let d: Drafts = new Map();
    d = withDraft(d, 'a', 'Hola, ', 1);
    d = withDraft(d, 'b', 'Buenos días', 2);
    d = withDraft(d, 'a', 'Hola, ya lo miro', 3);
    expect(d.get('a')).toEqual({ text: 'Hola, ya lo miro', at: 3 });
    expect(d.get('b')?.text).toBe('Buenos días');
    d = withDraft(d, 'a', '  \n', 4);
    expect(d.has('a')).toBe(false);
  });

  it('returns the same map when nothing changes (no needless re-render or write)', () => {
    const d = withDraft(new Map(), 'a', 'x', 1);
    expect(withDraft(d, 'a', 'x', 2)).toBe(d);
    expect(withDraft(d, 'b', '', 2)).toBe(d);
  });

  it('forgets drafts older than the maximum age and keeps only the newest ones', () => {
    const now = DRAFT_MAX_AGE_MS * 2;
    const old = new Map([
      ['stale', { text: 'x', at: now - DRAFT_MAX_AGE_MS - 1 }],
      ['fresh', { text: 'y', at: now - 1000 }],
    ]);
    expect([...pruneDrafts(old, now).keys()]).toEqual(['fresh']);
    const many = new Map(Array.from({ length: DRAFT_MAX_COUNT + 5 }, (_, i) => [`k${i}`, { text: 't', at: now - i }] as const));
    const kept = pruneDrafts(many, now);
    expect(kept.size).toBe(DRAFT_MAX_COUNT);
    expect(kept.has('k0')).toBe(true);
    expect(kept.has(`k${DRAFT_MAX_COUNT + 4}`)).toBe(false);
  });
});
