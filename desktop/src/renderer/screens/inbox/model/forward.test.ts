import { MAX_FORWARD_TARGETS, type InboxChatView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { canForward, pick } from './forward.ts';

const chat = (id: string) => ({ id }) as InboxChatView;

describe('canForward', () => {
  it('forwards texts, places, contacts and stored files; not reactions, deleted messages or files still downloading', () => {
    expect(canForward({ kind: 'text' })).toBe(true);
    expect(canForward({ kind: 'location' })).toBe(true);
    expect(canForward({ kind: 'contact' })).toBe(true);
    expect(canForward({ kind: 'image', mediaId: 'm1' })).toBe(true);
    expect(canForward({ kind: 'voice', mediaId: 'm2' })).toBe(true);
    expect(canForward({ kind: 'image' })).toBe(false);
    expect(canForward({ kind: 'reaction' })).toBe(false);
    expect(canForward({ kind: 'poll' })).toBe(false);
    expect(canForward({ kind: 'text', revokedAt: 1 })).toBe(false);
  });
});

describe('pick', () => {
  it('keeps the order picked, unticks, and stops at the limit', () => {
    let picked: InboxChatView[] = [];
    for (const id of ['a', 'b', 'c']) picked = pick(picked, chat(id), true);
    expect(picked.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    picked = pick(picked, chat('b'), false);
    expect(picked.map((c) => c.id)).toEqual(['a', 'c']);
    expect(pick(picked, chat('a'), true).map((c) => c.id)).toEqual(['a', 'c']);
    for (const id of ['d', 'e', 'f', 'g']) picked = pick(picked, chat(id), true);
    expect(picked).toHaveLength(MAX_FORWARD_TARGETS);
    expect(picked.map((c) => c.id)).toEqual(['a', 'c', 'd', 'e', 'f']);
  });
});
