/** REST calls of the inbox, typed with the shared contract. */
import type { BroadcastSummaryView, BroadcastView, CannedFileView, ChatOptOutView, CannedReplyView, ChatLabelsView, ChatPinView, ForwardResult, ChatNameView, CreatedGroupView, JoinedGroupView, GroupInfoView, GroupJoinRequestsView, GroupRequestAction, GroupRequestsChangeView, GroupSettings, MessageMention, GroupInviteLinkView, GroupMemberAction, GroupMembersChangeView, ChatNoteView, ChatPersonView, ChatProfileView, ChatSnoozeView, InboxChatView, InboxMessageView, LabelColor, LabelView, ListPage, MediaInfoView, MarkHandledResult, BlockContactResult, MarkUnreadResult, MemberReceiptList, MessageChangeResult, MessageSearchHit, MessageStar, SendAccepted, ScheduledMessageView, SessionView, StartedChat } from '@switchboard/shared';
import { MAX_PINNED_CHATS } from '@switchboard/shared';
import type { ApiClient, Query } from '../../api/http.ts';
import type { NewEvent, NewPoll, SharedContact, SharedLocation } from './outbox/types.ts';

/** What goes with a scheduled reply besides its text and time. */
export interface ScheduleExtra {
  file?: File | undefined;
  quotedId?: string | undefined;
  /** Members the text mentions (written `@digits` in it). */
  mentions?: readonly MessageMention[] | undefined;
}

const enc = encodeURIComponent;

/** Which chats the list shows (supervisors; employees always see their own). */
export type InboxView = 'mine' | 'unassigned' | 'all';

/** Filters of the chat list. */
export interface ChatFilters {
  view: InboxView;
  sessionId: string;
  q: string;
  needsReply: boolean;
  /** Only chats with unread messages (or marked unread). */
  unread: boolean;
  /** Only chats with this label (its id), or every chat (''). */
  label: string;
  /** Only chats assigned to this person (their id), or anyone's (''); not remembered across reloads. */
  assignee: string;
  /** Only the chats put aside until later (else they are left out until they wake). */
  snoozed: boolean;
  /** Only the chats with a reply scheduled to go later (or one that could not go), snoozed or not. */
  scheduled: boolean;
  /** The order of the needs-reply list (the others are always latest activity first). */
  order: ChatOrder;
}

/** Latest activity first, or the longest wait first. */
export type ChatOrder = 'recent' | 'waiting';

/** The order the list is in: the longest wait first applies to the needs-reply list only. */
export function listOrder(f: ChatFilters): ChatOrder {
  return f.needsReply ? f.order : 'recent';
}

/** What a reply carries. */
export interface OutgoingReply {
  sessionId: string;
  chatId: string;
  clientId: string;
  text?: string;
  quotedId?: string;
  file?: Blob;
  fileName?: string;
  /** The file is a voice note: sent as one, stored as WhatsApp plays them. */
  kind?: 'voice';
  /** The ids of the group members the text mentions (written `@digits` in it). */
  mentions?: string[];
  /** Shares a person as a contact card instead of text. */
  contact?: SharedContact;
  /** Starts a poll instead of text. */
  poll?: NewPoll;
  /** Sends a place instead of text. */
  location?: SharedLocation;
  /** Sends an event (an appointment) instead of text. */
  event?: NewEvent;
}

/** The query of the chat list for `f`. */
function listQuery(f: ChatFilters, page: number, limit: number): Query {
  return { view: f.view, sessionId: f.sessionId, q: f.q, page, limit, ...(f.needsReply ? { needsReply: 'true' } : {}), ...(f.unread ? { unread: 'true' } : {}), ...(f.label ? { label: f.label } : {}), ...(f.assignee ? { assignee: f.assignee } : {}), ...(f.snoozed ? { snoozed: 'true' } : {}), ...(f.scheduled ? { scheduled: 'true' } : {}), ...(listOrder(f) === 'waiting' ? { sort: 'waiting' } : {}) };
}

/** Typed wrappers over the inbox routes. */
export function inboxApi(api: ApiClient) {
  return {
    /** A page of the list; the first also brings the user's pinned chats the filters keep (the list shows them on top). */
    chats: async (f: ChatFilters, page: number, limit: number, signal?: AbortSignal) => {
      const opts = signal ? { signal } : undefined;
      const [list, pinned] = await Promise.all([
        api.get<ListPage<InboxChatView>>('/api/chats', listQuery(f, page, limit), opts),
        page === 1 ? api.get<ListPage<InboxChatView>>('/api/chats', { ...listQuery(f, 1, MAX_PINNED_CHATS), pinned: 'true' }, opts) : null,
      ]);
      return pinned ? { ...list, data: [...pinned.data, ...list.data.filter((c) => c.pinnedAt === null)] } : list;
    },
    /** Pins a chat to the top of the user's list (409 `too_many_pins` beyond MAX_PINNED_CHATS), or unpins it. */
    pin: (sessionId: string, chatId: string) => api.put<ChatPinView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/pin`),
    unpin: (sessionId: string, chatId: string) => api.del(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/pin`),
    /** Chats of a session the user sees, snoozed or not, by name or number (pickers). */
    pickChats: (sessionId: string, q: string, signal?: AbortSignal) =>
      api.get<ListPage<InboxChatView>>('/api/chats', { sessionId, q, snoozed: 'any', limit: 30 }, signal ? { signal } : undefined),
    scheduledCount: (signal?: AbortSignal) => api.get<ListPage<InboxChatView>>('/api/chats', { scheduled: 'true', limit: 1 }, signal ? { signal } : undefined).then((p) => p.total),
    needsReplyCount: () => api.get<ListPage<InboxChatView>>('/api/chats', { view: 'mine', needsReply: 'true', limit: 1 }).then((p) => p.total),
    sessions: () => api.get<ListPage<SessionView>>('/api/sessions', { limit: 200 }),
    messages: (sessionId: string, chatId: string, q: Query, signal?: AbortSignal) =>
      // Threads page by `before`: no total needed (counting scans the chat).
      api.get<ListPage<InboxMessageView>>(`/api/sessions/${enc(sessionId)}/messages`, { chatId, total: 'false', ...q }, signal ? { signal } : undefined),
    /** Sends a reply (multipart when it has a file); the clientId makes a repeat harmless. */
    send(r: OutgoingReply): Promise<SendAccepted> {
      const path = `/api/sessions/${enc(r.sessionId)}/messages`;
      if (r.file) {
        const form = new FormData();
        form.set('to', r.chatId);
        form.set('clientId', r.clientId);
        if (r.text) form.set('caption', r.text);
        if (r.quotedId) form.set('quotedId', r.quotedId);
        if (r.fileName) form.set('fileName', r.fileName);
        if (r.mentions?.length) form.set('mentions', r.mentions.join(','));
        // Before the file: the server decides how to store it as the file arrives.
        if (r.kind) form.set('kind', r.kind);
        form.set('file', r.file, r.fileName ?? 'file');
        return api.upload<SendAccepted>(path, form);
      }
      if (r.contact) return api.post<SendAccepted>(path, { to: r.chatId, kind: 'contact', contact: r.contact, clientId: r.clientId });
      if (r.poll) return api.post<SendAccepted>(path, { to: r.chatId, kind: 'poll', poll: r.poll, clientId: r.clientId });
      if (r.location) return api.post<SendAccepted>(path, { to: r.chatId, kind: 'location', location: r.location, clientId: r.clientId });
      if (r.event) {
        const { name, description, ...when } = r.event;
        return api.post<SendAccepted>(path, { to: r.chatId, kind: 'event', text: name, ...(description ? { caption: description } : {}), event: when, clientId: r.clientId });
      }
      return api.post<SendAccepted>(path, { to: r.chatId, text: r.text ?? '', clientId: r.clientId, ...(r.quotedId ? { quotedId: r.quotedId } : {}), ...(r.mentions?.length ? { mentions: r.mentions } : {}) });
    },
    editMessage: (sessionId: string, messageId: string, text: string) => api.put<MessageChangeResult>(`/api/sessions/${enc(sessionId)}/messages/${enc(messageId)}`, { text }),
    deleteMessage: (sessionId: string, messageId: string) => api.del<MessageChangeResult>(`/api/sessions/${enc(sessionId)}/messages/${enc(messageId)}`),
    changeEvent: (sessionId: string, messageId: string, e: NewEvent) =>
      api.put<MessageChangeResult>(`/api/sessions/${enc(sessionId)}/messages/${enc(messageId)}/event`, { text: e.name, ...(e.description ? { caption: e.description } : {}), event: { startAt: e.startAt, ...(e.endAt ? { endAt: e.endAt } : {}), ...(e.place ? { place: e.place } : {}) } }),
    star: (sessionId: string, messageId: string, on: boolean) => {
      const path = `/api/sessions/${enc(sessionId)}/messages/${enc(messageId)}/star`;
      return on ? api.put<{ starred: MessageStar | null }>(path, {}) : api.del<{ starred: MessageStar | null }>(path);
    },
    /** The team's marked messages across the chats the user may read, the latest marked first. */
    starredMessages: (opts: { sessionId?: string; page: number; limit: number }, signal?: AbortSignal) =>
      api.get<ListPage<MessageSearchHit>>('/api/messages/starred', { ...(opts.sessionId ? { sessionId: opts.sessionId } : {}), page: opts.page, limit: opts.limit }, signal ? { signal } : undefined),
    starred: (sessionId: string, chatId: string) => api.get<{ data: InboxMessageView[] }>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/starred`),
    cancelEvent: (sessionId: string, messageId: string) => api.post<MessageChangeResult>(`/api/sessions/${enc(sessionId)}/messages/${enc(messageId)}/event/cancel`, {}),
    forward: (sessionId: string, messageId: string, to: string[], clientId: string) => api.post<ForwardResult>(`/api/sessions/${enc(sessionId)}/messages/${enc(messageId)}/forward`, { to, clientId }),
    /** Each group member's delivery and read of one of our group messages. */
    memberReceipts: (sessionId: string, messageId: string, signal?: AbortSignal) =>
      api.get<MemberReceiptList>(`/api/sessions/${enc(sessionId)}/messages/${enc(messageId)}/receipts`, undefined, signal ? { signal } : undefined).then((r) => r.receipts),
    retry: (sessionId: string, messageId: string) => api.post(`/api/sessions/${enc(sessionId)}/messages/${enc(messageId)}/retry`),
    markRead: (sessionId: string, chatId: string) => api.post(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/read`),
    /** Messages containing `q` in the chats the user reads (or one session's, or one chat's). */
    searchMessages: (q: string, scope: { sessionId?: string; chatId?: string; page: number; limit: number }, signal?: AbortSignal) =>
      api.get<ListPage<MessageSearchHit>>('/api/messages/search', { q, page: scope.page, limit: scope.limit, ...(scope.sessionId ? { sessionId: scope.sessionId } : {}), ...(scope.chatId ? { chatId: scope.chatId } : {}) }, signal ? { signal } : undefined),
    labels: () => api.get<ListPage<LabelView>>('/api/labels').then((p) => p.data),
    createLabel: (name: string, color: LabelColor) => api.post<LabelView>('/api/labels', { name, color }),
    updateLabel: (id: string, change: { name?: string; color?: LabelColor }) => api.put<LabelView>(`/api/labels/${enc(id)}`, change),
    deleteLabel: (id: string) => api.del(`/api/labels/${enc(id)}`),
    setChatLabels: (sessionId: string, chatId: string, labelIds: string[]) => api.put<ChatLabelsView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/labels`, { labelIds }),
    markUnread: (sessionId: string, chatId: string) => api.post<MarkUnreadResult>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/unread`),
    snoozed: (signal?: AbortSignal) => api.get<ListPage<InboxChatView>>('/api/chats', { snoozed: 'true', limit: 200 }, signal ? { signal } : undefined),
    snooze: (sessionId: string, chatId: string, until: number | null, seenInboundAt?: number | null) =>
      api.put<ChatSnoozeView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/snooze`, { until, ...(seenInboundAt !== undefined ? { seenInboundAt } : {}) }),
    startChat: (sessionId: string, phone: string, assignToMe: boolean) => api.post<StartedChat>(`/api/sessions/${enc(sessionId)}/chats`, { phone, assignToMe }),
    markHandled: (sessionId: string, chatId: string) => api.post<MarkHandledResult>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/handled`),
    presence: (sessionId: string, chatId: string, state: 'composing' | 'recording' | 'paused') => api.post(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/presence`, { state }),
    react: (sessionId: string, chatId: string, targetId: string, emoji: string, clientId: string) =>
      api.post<SendAccepted>(`/api/sessions/${enc(sessionId)}/messages`, { to: chatId, kind: 'reaction', reaction: { emoji, targetId }, clientId }),
    exportChat: (sessionId: string, chatId: string) => api.getFile(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/export`, { tz: Intl.DateTimeFormat().resolvedOptions().timeZone }),
    setBlocked: (sessionId: string, chatId: string, blocked: boolean) => api.put<BlockContactResult>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/blocked`, { blocked }),
    setOptedOut: (sessionId: string, chatId: string, optedOut: boolean) => api.put<{ optedOut: ChatOptOutView | null }>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/opt-out`, { optedOut }),
    rename: (sessionId: string, chatId: string, name: string | null) => api.put<ChatNameView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/name`, { name }),
    chatProfile: (sessionId: string, chatId: string, signal?: AbortSignal) => api.get<ChatProfileView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/profile`, undefined, signal ? { signal } : undefined),
    /** A group's description and members, as WhatsApp has them now. */
    groupInfo: (sessionId: string, chatId: string, signal?: AbortSignal) => api.get<GroupInfoView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/group`, undefined, signal ? { signal } : undefined),
    groupMembers: (sessionId: string, chatId: string, action: GroupMemberAction, members: string[]) =>
      api.post<GroupMembersChangeView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/group/members`, { action, members }),
    groupRequests: (sessionId: string, chatId: string, signal?: AbortSignal) =>
      api.get<GroupJoinRequestsView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/group/requests`, undefined, signal ? { signal } : undefined),
    groupAnswerRequests: (sessionId: string, chatId: string, action: GroupRequestAction, members: string[]) =>
      api.post<GroupRequestsChangeView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/group/requests`, { action, members }),
    groupSettings: (sessionId: string, chatId: string, settings: Partial<GroupSettings>) => api.put<GroupInfoView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/group/settings`, settings),
    groupSubject: (sessionId: string, chatId: string, subject: string) => api.put<GroupInfoView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/group/subject`, { subject }),
    groupInviteLink: (sessionId: string, chatId: string) => api.get<GroupInviteLinkView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/group/invite-link`),
    acceptInvite: (sessionId: string, messageId: string) => api.post<JoinedGroupView>(`/api/sessions/${enc(sessionId)}/messages/${enc(messageId)}/accept-invite`),
    createGroup: (sessionId: string, subject: string, members: string[]) => api.post<CreatedGroupView>(`/api/sessions/${enc(sessionId)}/groups`, { subject, members }),
    leaveGroup: (sessionId: string, chatId: string) => api.post<void>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/group/leave`),
    groupDescription: (sessionId: string, chatId: string, description: string | null) =>
      api.put<GroupInfoView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/group/description`, { description }),
    notes: (sessionId: string, chatId: string) => api.get<{ data: ChatNoteView[] }>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/notes`).then((r) => r.data),
    addNote: (sessionId: string, chatId: string, text: string, mentions: readonly string[] = []) =>
      api.post<ChatNoteView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/notes`, { text, ...(mentions.length ? { mentions } : {}) }),
    people: (sessionId: string, chatId: string) => api.get<{ data: ChatPersonView[] }>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/people`),
    scheduled: (sessionId: string, chatId: string) => api.get<{ data: ScheduledMessageView[] }>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/scheduled`).then((r) => r.data),
    /** Schedules a reply (answering `quotedId`, mentioning `mentions`, if given); with a file, a multipart form (the text is its caption). */
    schedule(sessionId: string, chatId: string, text: string, sendAt: number, { file, quotedId, mentions = [] }: ScheduleExtra = {}): Promise<ScheduledMessageView> {
      const path = `/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/scheduled`;
      const jids = mentions.map((m) => m.jid);
      if (!file) return api.post<ScheduledMessageView>(path, { text, sendAt, ...(quotedId ? { quotedId } : {}), ...(jids.length ? { mentions: jids } : {}) });
      const form = new FormData();
      form.set('text', text);
      form.set('sendAt', String(sendAt));
      if (quotedId) form.set('quotedId', quotedId);
      if (jids.length) form.set('mentions', jids.join(','));
      form.set('file', file, file.name);
      return api.upload<ScheduledMessageView>(path, form);
    },
    sendScheduled: (sessionId: string, chatId: string, id: string) => api.post<ScheduledMessageView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/scheduled/${enc(id)}/send`),
    reschedule: (sessionId: string, chatId: string, id: string, change: { text?: string; sendAt?: number }) => api.put<ScheduledMessageView>(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/scheduled/${enc(id)}`, change),
    cancelScheduled: (sessionId: string, chatId: string, id: string) => api.del(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/scheduled/${enc(id)}`),
    /** One message to several conversations of an account, paced (the first at once). */
    /** One message to several chats of a session; `mediaId`: a file uploaded to it (`uploadMedia`), sent with each; `startAt`: when the first goes (default at once). */
    broadcast: (sessionId: string, messages: { chatId: string; text: string }[], everySeconds: number, extra: { mediaId?: string; startAt?: number } = {}) =>
      api.post<BroadcastView>(`/api/sessions/${enc(sessionId)}/broadcasts`, { messages, everySeconds, ...(extra.mediaId ? { file: { mediaId: extra.mediaId } } : {}), ...(extra.startAt ? { startAt: extra.startAt } : {}) }),
    /** Stores a file in a session, given to no chat yet (a message to several takes it). */
    uploadMedia(sessionId: string, file: File): Promise<MediaInfoView> {
      const form = new FormData();
      form.set('file', file, file.name);
      return api.upload<MediaInfoView>(`/api/sessions/${enc(sessionId)}/media`, form);
    },
    broadcastSends: (sessionId: string, batchId: string) => api.get<BroadcastView>(`/api/sessions/${enc(sessionId)}/broadcasts/${enc(batchId)}`).then((r) => r.data),
    recentBroadcasts: (signal?: AbortSignal) => api.get<{ data: BroadcastSummaryView[] }>('/api/broadcasts', undefined, signal ? { signal } : undefined).then((r) => r.data),
    stopBroadcast: (sessionId: string, batchId: string) => api.del<{ cancelled: number }>(`/api/sessions/${enc(sessionId)}/broadcasts/${enc(batchId)}`),
    deleteNote: (sessionId: string, chatId: string, id: string) => api.del(`/api/sessions/${enc(sessionId)}/chats/${enc(chatId)}/notes/${enc(id)}`),
    canned: () => api.get<ListPage<CannedReplyView> | CannedReplyView[]>('/api/canned-replies').then((r) => (Array.isArray(r) ? r : r.data)),
    createCanned: (body: { shortcut: string; text: string; shared?: boolean }) => api.post<CannedReplyView>('/api/canned-replies', body),
    updateCanned: (id: string, body: { shortcut?: string; text?: string; shared?: boolean }) => api.put<CannedReplyView>(`/api/canned-replies/${enc(id)}`, body),
    deleteCanned: (id: string) => api.del(`/api/canned-replies/${enc(id)}`),
    attachCanned(id: string, file: File): Promise<CannedReplyView> {
      const form = new FormData();
      form.set('file', file, file.name);
      return api.upload<CannedReplyView>(`/api/canned-replies/${enc(id)}/file`, form, undefined, 'PUT');
    },
    detachCanned: (id: string) => api.del<CannedReplyView>(`/api/canned-replies/${enc(id)}/file`),
    /** A canned reply's file, as a file to attach to the reply box. */
    cannedFile: (c: CannedReplyView & { file: CannedFileView }) =>
      api.getFile(`/api/canned-replies/${enc(c.id)}/file`).then(({ blob }) => new File([blob], c.file.fileName, { type: c.file.mimeType })),
  };
}

/** The inbox's REST calls. */
export type InboxApi = ReturnType<typeof inboxApi>;

/** A new idempotency key for a reply. */
export function newClientId(): string {
  return `inbox-${crypto.randomUUID()}`;
}
