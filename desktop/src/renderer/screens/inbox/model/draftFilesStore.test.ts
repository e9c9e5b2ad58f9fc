import { describe, expect, it } from 'vitest';
import { MAX_AGE_MS, MAX_BYTES, MAX_CHATS, prune, storable, type StoredDraftFiles } from './draftFilesStore.ts';

const entry = (key: string, at: number): StoredDraftFiles => ({ key, files: [], at });

describe('draft files kept on this device', () => {
  it('keeps the newest chats and forgets old ones', () => {
    const now = 10 * MAX_AGE_MS;
    const entries = [entry('old', now - MAX_AGE_MS - 1), ...Array.from({ length: MAX_CHATS + 2 }, (_, i) => entry(`c${i}`, now - i))];
    const { keep, drop } = prune(entries, now);
    expect(keep.map((e) => e.key)).toEqual(Array.from({ length: MAX_CHATS }, (_, i) => `c${i}`));
    expect(drop.sort()).toEqual(['c50', 'c51', 'old'].sort());
  });

  it('stores a chat whose files fit the bound, and not one that is larger', () => {
    const file = (size: number) => new File([new Uint8Array(size)], 'f.bin');
    expect(storable([file(10), file(20)])).toBe(true);
    expect(storable([file(MAX_BYTES), file(1)])).toBe(false);
  });
});
