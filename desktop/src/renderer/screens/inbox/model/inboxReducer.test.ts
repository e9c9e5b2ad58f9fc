import type { InboxChatView, InboxMessageView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { EMPTY_INBOX, inboxReducer, previewOf, reactionsByTarget, threadMessages, type InboxAction, type InboxState } from './inboxReducer.ts';
import { sortedChats } from './chatOrder.ts';
import { chatKey } from './keys.ts';

const S = 'ventas';
const ALICE = '34611111111@s.whatsapp.net';
const KEY = chatKey(S, ALICE);

function msg(id: string, timestamp: number, extra: Partial<InboxMessageView> = {}): InboxMessageView {
  return { id, sessionId: S, chatId: ALICE, fromMe: false, kind: 'text', text: `text ${id}`, status: 'delivered', timestamp, ...extra };
}

function chat(extra: Partial<InboxChatView> = {}): InboxChatView {
  return {
    id: ALICE,
    sessionId: S,
    sessionName: 'Ventas',
    name: 'Alice',
    customName: null,
    phone: '+34611111111',
    isGroup: false,
    unreadCount: 0,
    lastMessageAt: 100,
    lastMessagePreview: 'old',
    lastMessageSystem: null,
    archived: false,
    blocked: false,
    optedOut: null,
    profilePictureMediaId: null,
    needsReply: false,
    lastInboundAt: 100,
    lastOutboundAt: 150,
    handledAt: null,
    waitingSince: null,
    pinnedAt: null,
    snoozedUntil: null,
    nextScheduledAt: null,
    scheduledFailed: false,
    lastMessageFromMe: true,
    assignees: [],
    labels: [],
    ...extra,
  };
}

const run = (actions: InboxAction[], from: InboxState = EMPTY_INBOX) => actions.reduce(inboxReducer, from);

describe('inbox reducer: "needs no reply"', () => {
  it('takes the chat out of needs-reply until the customer writes again; an older mark changes nothing', () => {
    const waiting = run([{ type: 'chats/loaded', chats: [chat({ needsReply: true, lastInboundAt: 200, lastMessageAt: 200, lastMessageFromMe: false })], total: 1, replace: true }]);
    const handled = inboxReducer(waiting, { type: 'event/chat', sessionId: S, chatId: ALICE, handledAt: 250 });
    expect(handled.chats.get(KEY)).toMatchObject({ needsReply: false, handledAt: 250, lastMessageFromMe: false, waitingSince: null });
    expect(inboxReducer(handled, { type: 'event/chat', sessionId: S, chatId: ALICE, handledAt: 240 }).chats.get(KEY)).toMatchObject({ needsReply: false, handledAt: 250 });
    const again = inboxReducer(handled, { type: 'event/message', message: msg('m3', 300) });
    expect(again.chats.get(KEY)).toMatchObject({ needsReply: true, lastInboundAt: 300 });
    // A message older than the mark (a late delivery) does not bring it back.
    expect(inboxReducer(handled, { type: 'event/message', message: msg('m0', 220) }).chats.get(KEY)).toMatchObject({ needsReply: false });
  });
});

describe('inbox reducer: a blocked contact', () => {
  it('follows the chat-update that says the contact is blocked or unblocked, leaving the rest as it was', () => {
    const loaded = run([{ type: 'chats/loaded', chats: [chat({ unreadCount: 2 })], total: 1, replace: true }]);
    const blocked = inboxReducer(loaded, { type: 'event/chat', sessionId: S, chatId: ALICE, blocked: true });
    expect(blocked.chats.get(KEY)).toMatchObject({ blocked: true, unreadCount: 2, name: 'Alice' });
    expect(inboxReducer(blocked, { type: 'event/chat', sessionId: S, chatId: ALICE, unreadCount: 0 }).chats.get(KEY)?.blocked).toBe(true);
    expect(inboxReducer(blocked, { type: 'event/chat', sessionId: S, chatId: ALICE, blocked: false }).chats.get(KEY)?.blocked).toBe(false);
  });
});

describe('inbox reducer: a customer who wrote BAJA', () => {
  it('keeps why they get no messages sent to several conversations until the team takes them back in', () => {
    const loaded = run([{ type: 'chats/loaded', chats: [chat({ unreadCount: 2 })], total: 1, replace: true }]);
    const out = { at: 1000, byCustomer: true, word: 'BAJA' };
    const asked = inboxReducer(loaded, { type: 'event/chat', sessionId: S, chatId: ALICE, unreadCount: 3, optedOut: out });
    expect(asked.chats.get(KEY)).toMatchObject({ optedOut: out, unreadCount: 3, name: 'Alice' });
    expect(inboxReducer(asked, { type: 'event/chat', sessionId: S, chatId: ALICE, unreadCount: 0 }).chats.get(KEY)?.optedOut).toEqual(out);
    expect(inboxReducer(asked, { type: 'event/chat', sessionId: S, chatId: ALICE, optedOut: null }).chats.get(KEY)?.optedOut).toBeNull();
  });

  it('keeps a «BAJA» heard live when a page read before it arrives', () => {
    const loaded = run([{ type: 'chats/loaded', chats: [chat({ lastMessageAt: 100 })], total: 1, replace: true }]);
    const out = { at: 200, byCustomer: true, word: 'BAJA' };
    const live = inboxReducer(loaded, { type: 'event/chat', sessionId: S, chatId: ALICE, lastMessageAt: 200, optedOut: out });
    const older = inboxReducer(live, { type: 'chats/loaded', chats: [chat({ lastMessageAt: 100 })], total: 1, replace: true });
    expect(older.chats.get(KEY)?.optedOut).toEqual(out);
  });
});

describe('inbox reducer: snoozed chats', () => {
  it('puts a chat aside until the customer writes again (our own messages do not wake it)', () => {
    const loaded = run([{ type: 'chats/loaded', chats: [chat()], total: 1, replace: true }]);
    const snoozed = inboxReducer(loaded, { type: 'event/snooze', sessionId: S, chatId: ALICE, snoozedUntil: 9_000 });
    expect(snoozed.chats.get(KEY)?.snoozedUntil).toBe(9_000);
    expect(inboxReducer(snoozed, { type: 'event/message', message: msg('out', 300, { fromMe: true }) }).chats.get(KEY)?.snoozedUntil).toBe(9_000);
    expect(inboxReducer(snoozed, { type: 'event/message', message: msg('in', 300) }).chats.get(KEY)?.snoozedUntil).toBeNull();
    expect(inboxReducer(snoozed, { type: 'event/snooze', sessionId: S, chatId: ALICE, snoozedUntil: null }).chats.get(KEY)?.snoozedUntil).toBeNull();
  });
});

describe('inbox reducer: REST pages merged with live and replayed events', () => {
  it('shows each message once whether it came by REST, live, or replay, in any order', () => {
    const page: InboxAction = { type: 'thread/loaded', key: KEY, messages: [msg('b', 200), msg('a', 100)], complete: true };
    const live: InboxAction = { type: 'event/message', message: msg('c', 300) };
    const replayB: InboxAction = { type: 'event/message', message: msg('b', 200) };
    for (const order of [
      [page, live, replayB],
      [live, page, replayB],
      [replayB, live, page],
    ]) {
      const s = run([{ type: 'chats/loaded', chats: [chat()], replace: true }, ...order]);
      expect(threadMessages(s.threads.get(KEY)).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    }
  });

  it('keeps messages of the same second in the order they arrived, from events and from a page', () => {
    const live = run([
      { type: 'event/message', message: msg('img', 1000) },
      { type: 'event/message', message: msg('doc', 1000) },
    ]);
    expect(threadMessages(live.threads.get(KEY)).map((m) => m.id)).toEqual(['img', 'doc']);
    const page = run([{ type: 'thread/loaded', key: KEY, messages: [msg('doc', 1000), msg('img', 1000)], complete: true }]);
    expect(threadMessages(page.threads.get(KEY)).map((m) => m.id)).toEqual(['img', 'doc']);
  });

  it('keeps the furthest status when a replayed event carries an older one', () => {
    const s = run([
      { type: 'thread/loaded', key: KEY, messages: [msg('m', 100, { fromMe: true, status: 'sent' })], complete: true },
      { type: 'event/status', sessionId: S, chatId: ALICE, messageId: 'm', status: 'read' },
      { type: 'event/status', sessionId: S, chatId: ALICE, messageId: 'm', status: 'delivered' },
      { type: 'event/message', message: msg('m', 100, { fromMe: true, status: 'sent' }) },
    ]);
    expect(s.threads.get(KEY)!.messages.get('m')!.status).toBe('read');
  });

  it('replaces "media pending" with the file when the message is announced again with it', () => {
    const pending = msg('p', 100, { kind: 'image', mediaStatus: 'pending' });
    const stored = msg('p', 100, { kind: 'image', mediaId: '65f000000000000000000001' });
    const s = run([
      { type: 'event/message', message: pending },
      { type: 'event/message', message: stored },
    ]);
    const m = s.threads.get(KEY)!.messages.get('p')!;
    expect(m.mediaId).toBe('65f000000000000000000001');
    expect(m.mediaStatus).toBeUndefined();
    expect(threadMessages(s.threads.get(KEY))).toHaveLength(1);
  });

  it('records a failure with its reason, and a retry clears it', () => {
    let s = run([
      { type: 'thread/loaded', key: KEY, messages: [msg('m', 100, { fromMe: true, status: 'pending' })], complete: true },
      { type: 'event/status', sessionId: S, chatId: ALICE, messageId: 'm', status: 'failed', reason: 'media_not_found' },
    ]);
    expect(s.threads.get(KEY)!.messages.get('m')).toMatchObject({ status: 'failed', statusReason: 'media_not_found' });
    s = inboxReducer(s, { type: 'message/retrying', key: KEY, messageId: 'm' });
    expect(s.threads.get(KEY)!.messages.get('m')!.status).toBe('pending');
    expect(s.threads.get(KEY)!.messages.get('m')!.statusReason).toBeUndefined();
    s = inboxReducer(s, { type: 'event/status', sessionId: S, chatId: ALICE, messageId: 'm', status: 'sent' });
    expect(s.threads.get(KEY)!.messages.get('m')!.status).toBe('sent');
  });

  it('marks a chat as needing a reply when the customer writes after the last reply, and clears it on reply', () => {
    let s = run([{ type: 'chats/loaded', chats: [chat()], replace: true }]);
    expect(s.chats.get(KEY)!.needsReply).toBe(false);
    s = inboxReducer(s, { type: 'event/message', message: msg('x', 200) });
    expect(s.chats.get(KEY)).toMatchObject({ needsReply: true, lastMessagePreview: 'text x', lastMessageAt: 200, unreadCount: 1, waitingSince: 200 });
    // The wait began with the first unanswered message.
    s = inboxReducer(s, { type: 'event/message', message: msg('x2', 220) });
    expect(s.chats.get(KEY)).toMatchObject({ needsReply: true, lastInboundAt: 220, waitingSince: 200 });
    s = inboxReducer(s, { type: 'event/message', message: msg('y', 250, { fromMe: true, status: 'sent' }) });
    expect(s.chats.get(KEY)).toMatchObject({ needsReply: false, lastMessageFromMe: true, waitingSince: null });
    s = inboxReducer(s, { type: 'event/message', message: msg('z', 300) });
    expect(s.chats.get(KEY)).toMatchObject({ needsReply: true, waitingSince: 300 });
  });

  it('previews a contact card by its people and a poll by its question, as the stored preview does', () => {
    let s = run([{ type: 'chats/loaded', chats: [chat()], replace: true }]);
    s = inboxReducer(s, { type: 'event/message', message: msg('c', 200, { kind: 'contact', text: 'BEGIN:VCARD\nFN:Ana\nEND:VCARD', caption: 'Ana Ruiz' }) });
    expect(s.chats.get(KEY)!.lastMessagePreview).toBe('👤 Ana Ruiz');
    s = inboxReducer(s, { type: 'event/message', message: msg('p', 210, { kind: 'poll', text: '¿Qué día?\nLunes\nMartes' }) });
    expect(s.chats.get(KEY)!.lastMessagePreview).toBe('📊 ¿Qué día?');
  });

  it("shows a poll's latest votes, none when the last vote was taken back", () => {
    const poll = (votes?: { voter: string; options: string[] }[]) => msg('p', 200, { kind: 'poll', text: '¿Qué día?\nLunes\nMartes', ...(votes ? { pollVotes: votes } : {}) });
    let s = run([{ type: 'chats/loaded', chats: [chat()], replace: true }, { type: 'event/message', message: poll([{ voter: ALICE, options: ['Lunes'] }]) }]);
    expect(s.threads.get(KEY)!.messages.get('p')!.pollVotes).toEqual([{ voter: ALICE, options: ['Lunes'] }]);
    s = inboxReducer(s, { type: 'event/message', message: poll() });
    expect(s.threads.get(KEY)!.messages.get('p')!.pollVotes).toBeUndefined();
  });

  it('keeps the change to a group a list shows until the next message', () => {
    const system = { action: 'subject' as const, by: { jid: ALICE, name: 'Alice' }, who: [], value: 'Turno de tarde' };
    let s = run([
      { type: 'chats/loaded', chats: [chat()], replace: true },
      { type: 'event/message', message: msg('g', 200, { kind: 'system', text: undefined, system }) },
    ]);
    expect(s.chats.get(KEY)).toMatchObject({ lastMessageAt: 200, lastMessageSystem: system, needsReply: false });
    s = inboxReducer(s, { type: 'event/message', message: msg('t', 210) });
    expect(s.chats.get(KEY)).toMatchObject({ lastMessageSystem: null, lastMessagePreview: 'text t' });
  });

  it('keeps a chat waiting, with the customer\'s message shown, after an away reply', () => {
    const s = run([
      { type: 'chats/loaded', chats: [chat()], replace: true },
      { type: 'event/message', message: msg('in', 200) },
      { type: 'event/message', message: msg('away', 201, { fromMe: true, automated: true, text: 'Estamos cerrados' }) },
    ]);
    expect(s.chats.get(KEY)).toMatchObject({ needsReply: true, lastMessageAt: 200, lastMessagePreview: 'text in', lastMessageFromMe: false });
  });

  it('does not count messages of the open chat as unread', () => {
    const s = run([
      { type: 'chats/loaded', chats: [chat()], replace: true },
      { type: 'chat/open', key: KEY },
      { type: 'event/message', message: msg('x', 200) },
    ]);
    expect(s.chats.get(KEY)!.unreadCount).toBe(0);
  });

  it('keeps live facts newer than a REST page that was read before them', () => {
    const s = run([
      { type: 'chats/loaded', chats: [chat()], replace: true },
      { type: 'event/message', message: msg('x', 500) },
      { type: 'chats/loaded', chats: [chat({ lastMessageAt: 150 })], replace: true },
    ]);
    expect(s.chats.get(KEY)).toMatchObject({ lastMessageAt: 500, needsReply: true });
  });

  it('adds a chat first heard of by event, labelled with its session name', () => {
    const s = run([
      { type: 'sessions/named', names: { [S]: 'Ventas Madrid' } },
      { type: 'event/message', message: msg('x', 10, { pushName: 'Alicia' }) },
    ]);
    expect(s.chats.get(KEY)).toMatchObject({ name: 'Alicia', sessionName: 'Ventas Madrid', phone: '+34611111111', needsReply: true });
  });

  it('names a group chat by its subject, never by the push name of a member who writes in it', () => {
    const GROUP = '120363000000000001@g.us';
    const inGroup = (id: string, ts: number, pushName: string) => msg(id, ts, { chatId: GROUP, sender: ALICE, pushName });
    const s = run([
      { type: 'event/message', message: inGroup('g1', 10, 'Alicia') },
      { type: 'event/chat', sessionId: S, chatId: GROUP, name: 'Pedidos' },
      { type: 'event/message', message: inGroup('g2', 20, 'Bea') },
    ]);
    expect(s.chats.get(chatKey(S, GROUP))).toMatchObject({ name: 'Pedidos', isGroup: true });
    expect(run([{ type: 'event/message', message: inGroup('g1', 10, 'Alicia') }]).chats.get(chatKey(S, GROUP))?.name).toBeNull();
  });

  it("keeps the team's name for a contact over WhatsApp's, and WhatsApp's once the team's is removed", () => {
    const listed = run([{ type: 'chats/loaded', chats: [chat()], replace: true }]);
    const named = inboxReducer(listed, { type: 'event/name', sessionId: S, chatId: ALICE, name: 'Alicia Gómez', customName: 'Alicia Gómez' });
    const pushed = inboxReducer(named, { type: 'event/chat', sessionId: S, chatId: ALICE, name: '🌸 Ali' });
    expect(pushed.chats.get(KEY)).toMatchObject({ name: 'Alicia Gómez', customName: 'Alicia Gómez' });
    const cleared = inboxReducer(pushed, { type: 'event/name', sessionId: S, chatId: ALICE, name: '🌸 Ali', customName: null });
    expect(cleared.chats.get(KEY)).toMatchObject({ name: '🌸 Ali', customName: null });
    expect(inboxReducer(cleared, { type: 'event/chat', sessionId: S, chatId: ALICE, name: 'Alicia' }).chats.get(KEY)?.name).toBe('Alicia');
  });

  it('drops chats (and closes the open one) when the rooms no longer allow them', () => {
    const other = chat({ id: '34622222222@s.whatsapp.net' });
    const s = run([
      { type: 'chats/loaded', chats: [chat(), other], replace: true },
      { type: 'thread/loaded', key: KEY, messages: [msg('a', 1)], complete: true },
      { type: 'chat/open', key: KEY },
      { type: 'access/rooms', rooms: [`session:${S}`, `chat:${S}:34622222222@s.whatsapp.net`] },
    ]);
    expect([...s.chats.keys()]).toEqual([chatKey(S, other.id)]);
    expect(s.openKey).toBeNull();
    expect(s.threads.has(KEY)).toBe(false);
  });

  it('counts the whole list: the server total, plus chats that arrive by event, minus chats taken away', () => {
    const other = chat({ id: '34622222222@s.whatsapp.net' });
    let s = run([{ type: 'chats/loaded', chats: [chat(), other], replace: true, total: 40 }]);
    expect(s.total).toBe(40);
    s = inboxReducer(s, { type: 'event/message', message: msg('n1', 200, { chatId: '34633333333@s.whatsapp.net' }) });
    expect(s.total).toBe(41);
    s = inboxReducer(s, { type: 'event/message', message: msg('n2', 201) });
    expect(s.total).toBe(41);
    // An employee unassigned from Alice's chat: the list says one chat fewer.
    s = inboxReducer(s, { type: 'access/rooms', rooms: [`chat:${S}:34622222222@s.whatsapp.net`, `chat:${S}:34633333333@s.whatsapp.net`] });
    expect(s.total).toBe(40);
  });

  it('keeps the open chat when a filtered page leaves it out, and only that one', () => {
    const other = chat({ id: 'b@s.whatsapp.net' });
    const s = run([{ type: 'chats/loaded', chats: [chat(), other], replace: true }, { type: 'chat/open', key: KEY }, { type: 'chats/loaded', chats: [], replace: true, total: 0 }]);
    expect([...s.chats.keys()]).toEqual([KEY]);
  });

  it('adds a chat found by a search once, counted, and never over the live summary the list holds', () => {
    const found = chat({ id: 'c@s.whatsapp.net', lastMessageAt: 10 });
    const s = run([{ type: 'chats/loaded', chats: [chat({ unreadCount: 3 })], replace: true, total: 1 }, { type: 'chat/seen', chat: found }, { type: 'chat/seen', chat: found }]);
    expect([s.chats.size, s.total]).toEqual([2, 2]);
    const again = run([{ type: 'chat/seen', chat: chat({ unreadCount: 0 }) }], s);
    expect(again.chats.get(KEY)?.unreadCount).toBe(3);
  });

  it('lists a conversation the user starts at once, with them as assignee, and keeps it when the first message comes', () => {
    const me = { userId: 'u1', name: 'Sofía Marín' };
    const s = run([{ type: 'chat/started', sessionId: S, chatId: ALICE, assignees: [me] }]);
    expect([s.total, s.chats.get(KEY)?.assignees, s.chats.get(KEY)?.phone]).toEqual([1, [me], '+34611111111']);
    const sent = run([{ type: 'event/message', message: msg('m1', 100, { fromMe: true, text: 'Hola' }) }, { type: 'chat/started', sessionId: S, chatId: ALICE, assignees: [me] }], s);
    expect([sent.total, sent.chats.get(KEY)?.assignees, sent.chats.get(KEY)?.lastMessagePreview]).toEqual([1, [me], 'Hola']);
    // Started in a chat someone else already has: both are its assignees.
    const shared = run([{ type: 'chats/loaded', chats: [chat({ assignees: [{ userId: 'u2', name: 'Elena Ruiz' }] })], replace: true, total: 1 }, { type: 'chat/started', sessionId: S, chatId: ALICE, assignees: [me] }]);
    expect([shared.total, shared.chats.get(KEY)?.assignees.map((a) => a.userId)]).toEqual([1, ['u2', 'u1']]);
  });

  it('shows who has a chat as soon as it changes, and ignores chats it does not list', () => {
    const elena = { userId: 'u2', name: 'Elena Ruiz' };
    const s = run([
      { type: 'chats/loaded', chats: [chat()], replace: true },
      { type: 'event/assignees', sessionId: S, chatId: ALICE, assignees: [elena] },
      { type: 'event/assignees', sessionId: S, chatId: '34600000999@s.whatsapp.net', assignees: [elena] },
    ]);
    expect([s.chats.get(KEY)?.assignees, s.chats.size]).toEqual([[elena], 1]);
    expect(run([{ type: 'event/assignees', sessionId: S, chatId: ALICE, assignees: [] }], s).chats.get(KEY)?.assignees).toEqual([]);
  });

  it('takes a chat out of a view it no longer belongs to, but never the open one', () => {
    const s = run([{ type: 'chats/loaded', chats: [chat()], replace: true, total: 1 }]);
    const out = run([{ type: 'chat/out-of-view', key: KEY }], s);
    expect([out.chats.has(KEY), out.total]).toEqual([false, 0]);
    const open = run([{ type: 'chat/open', key: KEY }, { type: 'chat/out-of-view', key: KEY }], s);
    expect([open.chats.has(KEY), open.total]).toEqual([true, 1]);
  });

  it('keeps every chat of a session for a supervisor whose socket is in the session room', () => {
    const s = run([
      { type: 'chats/loaded', chats: [chat()], replace: true },
      { type: 'access/rooms', rooms: [`session:${S}`, `chats:${S}`] },
    ]);
    expect(s.chats.has(KEY)).toBe(true);
  });

  it('takes a customer edit, and never lets an older copy undo it', () => {
    const s = run([
      { type: 'chats/loaded', chats: [chat({ lastMessageAt: 10 })], replace: true },
      { type: 'thread/loaded', key: KEY, messages: [msg('a', 10, { text: 'a las 5' })], complete: true },
      { type: 'event/message', message: msg('a', 10, { text: 'a las 6', editedAt: 20 }) },
      // A replayed announcement of the original, after the edit.
      { type: 'event/message', message: msg('a', 10, { text: 'a las 5' }) },
    ]);
    expect(s.threads.get(KEY)?.messages.get('a')).toMatchObject({ text: 'a las 6', editedAt: 20 });
    expect(s.chats.get(KEY)?.lastMessagePreview).toBe('a las 6');
  });

  it("keeps the name a page gave a colleague's reply when its live copy carries only the id", () => {
    const s = run([
      { type: 'thread/loaded', key: KEY, messages: [msg('r', 10, { fromMe: true, sentBy: { id: 'u1', name: 'Ana' } })], complete: true },
      { type: 'event/message', message: msg('r', 10, { fromMe: true, status: 'read', sentBy: { id: 'u1', name: null } }) },
    ]);
    expect(s.threads.get(KEY)?.messages.get('r')).toMatchObject({ status: 'read', sentBy: { id: 'u1', name: 'Ana' } });
  });

  it('removes the content of a message deleted for everyone, for good', () => {
    const photo = msg('p', 10, { kind: 'image', text: undefined, caption: 'factura', mediaId: 'm1', media: { mimeType: 'image/png', fileName: null, size: 3, width: 1, height: 1, durationMs: null, hasThumbnail: false } });
    const s = run([
      { type: 'chats/loaded', chats: [chat({ lastMessageAt: 10 })], replace: true },
      { type: 'thread/loaded', key: KEY, messages: [photo], complete: true },
      { type: 'event/message', message: { ...msg('p', 10, { kind: 'image', revokedAt: 30 }), text: undefined } as InboxMessageView },
      { type: 'event/message', message: photo },
    ]);
    const m = s.threads.get(KEY)?.messages.get('p');
    expect(m?.revokedAt).toBe(30);
    expect([m?.caption, m?.mediaId, m?.media, m?.text]).toEqual([undefined, undefined, undefined, undefined]);
    expect(s.chats.get(KEY)?.lastMessagePreview).toBe('[deleted]');
  });

  it('sorts the waiting chats by the longest wait, a chat answered meanwhile moving after them', () => {
    const waiting = (id: string, since: number | null, lastInboundAt: number) => chat({ id, needsReply: true, waitingSince: since, lastInboundAt, lastMessageAt: lastInboundAt, lastOutboundAt: null });
    const s = run([{ type: 'chats/loaded', chats: [waiting('a', 50, 400), waiting('b', 20, 20), waiting('c', null, 30), waiting('d', 50, 50)], replace: true }]);
    expect(sortedChats(s, 'waiting').map((c) => c.id)).toEqual(['b', 'c', 'a', 'd']);
    expect(sortedChats(s).map((c) => c.id)).toEqual(['a', 'd', 'c', 'b']);
    // 'b' answered: after every chat still waiting.
    const answered = inboxReducer(s, { type: 'event/message', message: msg('reply', 500, { chatId: 'b', fromMe: true }) });
    expect(sortedChats(answered, 'waiting').map((c) => c.id)).toEqual(['c', 'a', 'd', 'b']);
  });

  it("puts the user's pinned chats on top, the latest pinned first, in either order", () => {
    const s = run([{ type: 'chats/loaded', chats: [chat({ id: 'a', lastMessageAt: 30 }), chat({ id: 'b', lastMessageAt: 20 }), chat({ id: 'c', lastMessageAt: 10 })], replace: true }]);
    const pinned = run([
      { type: 'chat/pinned', key: chatKey(S, 'c'), pinnedAt: 5 },
      { type: 'chat/pinned', key: chatKey(S, 'b'), pinnedAt: 6 },
    ], s);
    expect(sortedChats(pinned).map((c) => c.id)).toEqual(['b', 'c', 'a']);
    expect(sortedChats(pinned, 'waiting').map((c) => c.id)).toEqual(['b', 'c', 'a']);
    expect(sortedChats(inboxReducer(pinned, { type: 'chat/pinned', key: chatKey(S, 'b'), pinnedAt: null })).map((c) => c.id)).toEqual(['c', 'a', 'b']);
  });

  it('sorts chats by latest activity and folds reactions into their targets', () => {
    const s = run([
      { type: 'chats/loaded', chats: [chat({ lastMessageAt: 10 }), chat({ id: 'b@s.whatsapp.net', lastMessageAt: 20 })], replace: true },
      { type: 'thread/loaded', key: KEY, messages: [msg('a', 1), msg('r1', 2, { kind: 'reaction', reaction: { emoji: '👍', targetId: 'a' } }), msg('r2', 3, { kind: 'reaction', fromMe: true, reaction: { emoji: '❤️', targetId: 'a' } })], complete: true },
      { type: 'event/message', message: msg('r3', 4, { kind: 'reaction', reaction: { emoji: '😂', targetId: 'a' } }) },
    ]);
    expect(sortedChats(s).map((c) => c.id)).toEqual(['b@s.whatsapp.net', ALICE]);
    expect(threadMessages(s.threads.get(KEY)).map((m) => m.id)).toEqual(['a']);
    expect(reactionsByTarget(s.threads.get(KEY)).get('a')?.emojis.sort()).toEqual(['❤️', '😂'].sort());
    expect(reactionsByTarget(s.threads.get(KEY)).get('a')?.mine).toBe('❤️');
    // Our reaction taken back: the customer's stays, none of them is ours.
    const taken = inboxReducer(s, { type: 'event/message', message: msg('r4', 5, { kind: 'reaction', fromMe: true, reaction: { emoji: '', targetId: 'a' } }) });
    expect(reactionsByTarget(taken.threads.get(KEY)).get('a')).toEqual({ emojis: ['😂'], mine: null });
  });
});

describe('chat list previews', () => {
  const base = { sessionId: 's', id: 'M1', status: 'delivered' as const, timestamp: 1, fromMe: false };
  it("start a group member's message with who wrote it, as the phone does; not ours, not a chat with one person", () => {
    expect(previewOf({ ...base, chatId: '1203@g.us', kind: 'text', text: '¿Abrís el sábado?', pushName: 'Diego' })).toBe('Diego: ¿Abrís el sábado?');
    expect(previewOf({ ...base, chatId: '1203@g.us', kind: 'image', sender: '34611000002@s.whatsapp.net' })).toBe('+34611000002: [image]');
    expect(previewOf({ ...base, chatId: '1203@g.us', kind: 'text', text: 'Sí', fromMe: true })).toBe('Sí');
    expect(previewOf({ ...base, chatId: '34611000001@s.whatsapp.net', kind: 'text', text: 'Hola', pushName: 'Ana' })).toBe('Hola');
  });
});
