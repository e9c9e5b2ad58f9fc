import { describe, expect, it } from 'vitest';
import { selectPreload } from './preload.ts';

const chats = [
  { id: '111@s.whatsapp.net', name: 'Old', conversationTimestamp: 100 },
  { id: '222@s.whatsapp.net', name: 'New', conversationTimestamp: 300, unreadCount: 2 },
  { id: '999@g.us', name: 'Group', conversationTimestamp: 200 },
  { id: 'status@broadcast', conversationTimestamp: 400 },
  { id: '333@lid', pnJid: '333000@s.whatsapp.net', conversationTimestamp: 250 },
];

describe('selectPreload', () => {
  it('keeps individual chats only, newest first, within the limit', () => {
    const picked = selectPreload(chats, { type: 'individual', limit: 2 }, 0);
    expect(picked.map((c) => c.identity.chatId)).toEqual(['222@s.whatsapp.net', '333000@s.whatsapp.net']);
    expect(picked[1]?.identity.lid).toBe('333@lid');
  });

  it('filters groups and all', () => {
    expect(selectPreload(chats, { type: 'group', limit: 10 }, 0).map((c) => c.identity.chatId)).toEqual(['999@g.us']);
    expect(selectPreload(chats, { type: 'all', limit: 10 }, 0)).toHaveLength(4);
  });

  it('counts what was already preloaded against the limit', () => {
    expect(selectPreload(chats, { type: 'all', limit: 3 }, 2)).toHaveLength(1);
    expect(selectPreload(chats, { type: 'all', limit: 3 }, 3)).toEqual([]);
  });
});
