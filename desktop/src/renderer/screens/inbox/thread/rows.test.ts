import type { ChatNoteView, InboxMessageView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../outbox/types.ts';
import { buildRows, senderLabel } from './rows.ts';

const DAY1 = Date.UTC(2026, 11, 1, 10);
const DAY2 = Date.UTC(2026, 11, 2, 10);
const m = (id: string, timestamp: number, fromMe = false, clientId?: string): InboxMessageView => ({ id, sessionId: 's', chatId: 'c', fromMe, kind: 'text', text: id, status: 'sent', timestamp, ...(clientId ? { clientId } : {}) });
const q = (clientId: string, createdAt: number): OutboxItem => ({ clientId, sessionId: 's', chatId: 'c', createdAt, text: clientId, state: 'queued', attempts: 0 });

describe('thread rows', () => {
  it('separates days and marks where the unread messages start', () => {
    const rows = buildRows([m('a', DAY1), m('b', DAY2), m('c', DAY2 + 1000)], [], { complete: true, unread: 2 });
    expect(rows.map((r) => r.kind)).toEqual(['start', 'day', 'msg', 'day', 'unread', 'msg', 'msg']);
  });

  it('puts a change to a group on a line of its own: never unread, and it breaks a run of one member', () => {
    const member = (id: string, at: number): InboxMessageView => ({ ...m(id, at), sender: '34611000001@s.whatsapp.net', pushName: 'Carla' });
    const added: InboxMessageView = { ...m('sys', DAY1 + 2000), kind: 'system', system: { action: 'add', by: null, who: [] } };
    const rows = buildRows([member('a', DAY1), added, member('b', DAY1 + 3000)], [], { complete: false, unread: 1, isGroup: true });
    expect(rows.map((r) => r.kind)).toEqual(['day', 'msg', 'system', 'unread', 'msg']);
    expect(rows.filter((r) => r.kind === 'msg').map((r) => (r as { showSender: boolean; joined: boolean }).showSender)).toEqual([true, true]);
  });

  it('counts a missed call as unread and one answered on the phone not', () => {
    const call = (id: string, at: number, outcome: 'missed' | 'answered'): InboxMessageView => ({ ...m(id, at), kind: 'call', call: { video: false, outcome } });
    const rows = buildRows([m('a', DAY1), call('missed', DAY1 + 1000, 'missed'), call('answered', DAY1 + 2000, 'answered')], [], { complete: false, unread: 1 });
    expect(rows.map((r) => (r.kind === 'msg' ? r.m.id : r.kind))).toEqual(['day', 'a', 'unread', 'missed', 'answered']);
  });

  it('shows queued replies after the messages and hides one once the server has it (same clientId)', () => {
    const rows = buildRows([m('a', DAY1), m('srv', DAY1 + 10, true, 'c1')], [q('c1', DAY1 + 5), q('c2', DAY1 + 20)], { complete: false, unread: 0 });
    expect(rows.filter((r) => r.kind === 'outbox').map((r) => (r as { item: OutboxItem }).item.clientId)).toEqual(['c2']);
    expect(rows.filter((r) => r.kind === 'msg')).toHaveLength(2);
  });
});

describe('thread rows with internal notes', () => {
  const note = (id: string, at: number): ChatNoteView => ({ id, sessionId: 's', chatId: 'c', author: { id: 'u', name: 'Elena' }, text: id, mentions: [], createdAt: new Date(at).toISOString() });
  const keys = (rows: ReturnType<typeof buildRows>) => rows.filter((r) => r.kind === 'msg' || r.kind === 'note' || r.kind === 'outbox').map((r) => r.key);

  it('places notes among the messages by time, before the replies still queued', () => {
    const rows = buildRows([m('a', DAY1), m('b', DAY1 + 100)], [q('c1', DAY1 + 300)], { complete: true, unread: 0, notes: [note('n1', DAY1 + 50), note('n2', DAY1 + 200)] });
    expect(keys(rows)).toEqual(['a', 'note-n1', 'b', 'note-n2', 'outbox-c1']);
  });

  it('keeps notes older than the loaded messages out until older messages are loaded', () => {
    const notes = [note('old', DAY1 - 1000), note('n1', DAY1 + 50)];
    expect(keys(buildRows([m('a', DAY1), m('b', DAY1 + 100)], [], { complete: false, unread: 0, notes }))).toEqual(['a', 'note-n1', 'b']);
    expect(keys(buildRows([m('a', DAY1), m('b', DAY1 + 100)], [], { complete: true, unread: 0, notes }))).toEqual(['note-old', 'a', 'note-n1', 'b']);
  });

  it('starts a new day for a note on a day without messages', () => {
    const rows = buildRows([m('a', DAY1)], [], { complete: true, unread: 0, notes: [note('n1', DAY2)] });
    expect(rows.map((r) => r.kind)).toEqual(['start', 'day', 'msg', 'day', 'note']);
  });
});

describe('runs of messages by one author', () => {
  const joined = (rows: ReturnType<typeof buildRows>) => rows.flatMap((r) => (r.kind === 'msg' && r.joined ? [r.m.id] : []));
  const by = (id: string, timestamp: number, userId: string): InboxMessageView => ({ ...m(id, timestamp, true), sentBy: { id: userId, name: null } });

  it('joins a message to the one above by the same author within five minutes, never across a day, the new-messages marker, a note or another author', () => {
    const min = 60_000;
    const msgs = [
      m('c1', DAY1), m('c2', DAY1 + min), m('c3', DAY1 + 7 * min), // c3: after a pause
      by('me1', DAY1 + 8 * min, 'me'), by('me2', DAY1 + 8 * min + 1, 'me'), by('ana', DAY1 + 8 * min + 2, 'ana'),
      m('c4', DAY1 + 9 * min), m('c5', DAY1 + 9 * min + 1), // c5: the note sits between them
      m('c6', DAY2), m('c7', DAY2 + 1), m('c8', DAY2 + 2), // c8: the first unread
    ];
    const notes: ChatNoteView[] = [{ id: 'n', sessionId: 's', chatId: 'c', text: 'nota', author: { id: 'me', name: 'Me' }, createdAt: new Date(DAY1 + 9 * min).toISOString(), mentions: [] }];
    expect(joined(buildRows(msgs, [], { complete: false, unread: 1, notes, me: 'me' }))).toEqual(['c2', 'me2', 'c7']);
  });

  it('starts a new run at an away reply and at a colleague named above her reply', () => {
    const away: InboxMessageView = { ...m('away', DAY1 + 1, true), automated: true };
    expect(joined(buildRows([m('c1', DAY1), away, m('x', DAY1 + 2, true), by('ana1', DAY1 + 3, 'ana'), by('ana2', DAY1 + 4, 'ana')], [], { complete: false, unread: 0, me: 'me' }))).toEqual(['ana2']);
  });
});

describe('thread rows in a group', () => {
  const from = (id: string, timestamp: number, sender: string, pushName?: string): InboxMessageView => ({ ...m(id, timestamp), chatId: '1203630@g.us', sender, ...(pushName ? { pushName } : {}) });
  const ALICE = '15550004444@s.whatsapp.net';
  const BOB = '15550005555@s.whatsapp.net';
  const shown = (rows: ReturnType<typeof buildRows>) => rows.flatMap((r) => (r.kind === 'msg' && r.showSender ? [r.m.id] : []));

  it('shows the author above the first message of each run by one member, again after a day or the new-messages marker', () => {
    const msgs = [from('a1', DAY1, ALICE, 'Alice'), from('a2', DAY1 + 1, ALICE, 'Alice'), from('b1', DAY1 + 2, BOB), m('me', DAY1 + 3, true), from('b2', DAY1 + 4, BOB), from('b3', DAY2, BOB), from('b4', DAY2 + 1, BOB)];
    expect(shown(buildRows(msgs, [], { complete: false, unread: 1, isGroup: true }))).toEqual(['a1', 'b1', 'b2', 'b3', 'b4']);
  });

  it('never shows authors outside groups', () => {
    expect(shown(buildRows([from('a1', DAY1, ALICE, 'Alice')], [], { complete: false, unread: 0 }))).toEqual([]);
  });

  it('labels an author by push name, else by phone; a LID alone has no label', () => {
    expect(senderLabel({ pushName: 'Alice', sender: ALICE })).toBe('Alice');
    expect(senderLabel({ sender: BOB })).toBe('+15550005555');
    expect(senderLabel({ sender: '123456789@lid' })).toBeNull();
  });
});

describe('replies by the team', () => {
  const by = (id: string, timestamp: number, userId?: string): InboxMessageView => ({ ...m(id, timestamp, true), ...(userId ? { sentBy: { id: userId, name: null } } : {}) });
  const shown = (rows: ReturnType<typeof buildRows>) => rows.flatMap((r) => (r.kind === 'msg' && r.showSender ? [r.m.id] : []));

  it("names a colleague above each run of their replies, never the viewer's own or the phone's", () => {
    const msgs = [by('mine', DAY1, 'me'), by('ana1', DAY1 + 1, 'ana'), by('ana2', DAY1 + 2, 'ana'), m('customer', DAY1 + 3), by('ana3', DAY1 + 4, 'ana'), by('luis', DAY1 + 5, 'luis'), by('phone', DAY1 + 6)];
    expect(shown(buildRows(msgs, [], { complete: false, unread: 0, me: 'me' }))).toEqual(['ana1', 'ana3', 'luis']);
  });
});
