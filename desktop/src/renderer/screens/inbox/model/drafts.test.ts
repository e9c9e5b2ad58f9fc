import { describe, expect, it } from 'vitest';
import { DRAFT_MAX_AGE_MS, DRAFT_MAX_COUNT, pruneDrafts, withDraft, type Drafts } from './drafts.ts';

describe('reply drafts', () => {
  it('keeps the text typed per chat, and drops it when the box is emptied', () => {
    let d: Drafts = new Map();
    d = withDraft(d, 'a', { text: 'Hola, ' }, 1);
    d = withDraft(d, 'b', { text: 'Buenos días' }, 2);
    d = withDraft(d, 'a', { text: 'Hola, ya lo miro' }, 3);
    expect(d.get('a')).toEqual({ text: 'Hola, ya lo miro', at: 3 });
    expect(d.get('b')?.text).toBe('Buenos días');
    d = withDraft(d, 'a', { text: '  \n' }, 4);
    expect(d.has('a')).toBe(false);
  });

  it('keeps the message a reply quotes, with only what the quote shows, until the quote is cancelled', () => {
    const message = { id: 'M1', kind: 'document' as const, fromMe: false, caption: 'Factura', media: { fileName: 'f.pdf', mimeType: 'application/pdf', size: 9 }, sessionId: 's', chatId: 'c', status: 'read' as const, timestamp: 1 };
    let d: Drafts = withDraft(new Map(), 'a', { quote: message }, 1);
    expect(d.get('a')).toEqual({ text: '', quote: { id: 'M1', kind: 'document', fromMe: false, caption: 'Factura', media: { fileName: 'f.pdf' } }, at: 1 });
    d = withDraft(d, 'a', { text: 'Te la reenvío' }, 2);
    expect(d.get('a')?.quote?.id).toBe('M1');
    d = withDraft(d, 'a', { quote: null }, 3);
    expect(d.get('a')).toEqual({ text: 'Te la reenvío', at: 3 });
    d = withDraft(withDraft(d, 'a', { quote: message }, 4), 'a', { text: '' }, 5);
    expect(d.get('a')?.quote?.id).toBe('M1');
    expect(withDraft(d, 'a', { quote: null }, 6).has('a')).toBe(false);
  });

  it('returns the same map when nothing changes (no needless re-render or write)', () => {
    const d = withDraft(new Map(), 'a', { text: 'x' }, 1);
    expect(withDraft(d, 'a', { text: 'x' }, 2)).toBe(d);
    expect(withDraft(d, 'b', { text: '' }, 2)).toBe(d);
    expect(withDraft(d, 'b', { quote: null }, 2)).toBe(d);
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
