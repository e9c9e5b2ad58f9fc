import type { ScheduledMessageView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { upsertScheduled } from './scheduledList.ts';

const at = (id: string, sendAt: number, status: ScheduledMessageView['status'] = 'scheduled'): ScheduledMessageView => ({
  id, sessionId: 's', chatId: 'c', text: id, file: null, quotedId: null, mentions: [], sendAt, status, author: { id: 'u', name: 'Sofía' }, messageId: null, error: null, batchId: null, createdAt: '2026-12-06T10:00:00.000Z',
});

describe('upsertScheduled', () => {
  it('keeps the replies still to go earliest first, and drops them once sent or cancelled', () => {
    let list = upsertScheduled([], at('b', 200));
    list = upsertScheduled(list, at('a', 100));
    list = upsertScheduled(list, at('c', 100));
    expect(list.map((s) => s.id)).toEqual(['a', 'c', 'b']);
    list = upsertScheduled(list, at('a', 100, 'sending'));
    expect(list.map((s) => `${s.id}:${s.status}`)).toEqual(['a:sending', 'c:scheduled', 'b:scheduled']);
    list = upsertScheduled(list, at('a', 100, 'sent'));
    list = upsertScheduled(list, at('b', 200, 'cancelled'));
    expect(list.map((s) => s.id)).toEqual(['c']);
    expect(upsertScheduled(list, at('c', 100, 'failed'))[0]?.status).toBe('failed');
  });
});
