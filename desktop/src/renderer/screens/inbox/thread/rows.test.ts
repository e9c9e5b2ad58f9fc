import type { InboxMessageView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../outbox/types.ts';
import { buildRows } from './rows.ts';

const DAY1 = Date.UTC(2026, 11, 1, 10);
const DAY2 = Date.UTC(2026, 11, 2, 10);
const m = (id: string, timestamp: number, fromMe = false, clientId?: string): InboxMessageView => ({ id, sessionId: 's', chatId: 'c', fromMe, kind: 'text', text: id, status: 'sent', timestamp, ...(clientId ? { clientId } : {}) });
const q = (clientId: string, createdAt: number): OutboxItem => ({ clientId, sessionId: 's', chatId: 'c', createdAt, text: clientId, state: 'queued', attempts: 0 });

describe('thread rows', () => {
  it('separates days and marks where the unread messages start', () => {
    const rows = buildRows([m('a', DAY1), m('b', DAY2), m('c', DAY2 + 1000)], [], { complete: true, unread: 2 });
    expect(rows.map((r) => r.kind)).toEqual(['start', 'day', 'msg', 'day', 'unread', 'msg', 'msg']);
  });

  it('shows queued replies after the messages and hides one once the server has it (same clientId)', () => {
    const rows = buildRows([m('a', DAY1), m('srv', DAY1 + 10, true, 'c1')], [q('c1', DAY1 + 5), q('c2', DAY1 + 20)], { complete: false, unread: 0 });
    expect(rows.filter((r) => r.kind === 'outbox').map((r) => (r as { item: OutboxItem }).item.clientId)).toEqual(['c2']);
    expect(rows.filter((r) => r.kind === 'msg')).toHaveLength(2);
  });
});
