/**
 * Notifies a new customer message (or a request to join a group, for whoever may answer it): a native notification (Electron) or the browser's, one per
 * chat (tagged, so a second message replaces the first), with the chime, unless the session is
 * muted or the user is looking at that very chat. Only messages the server delivered to this
 * user reach here, so an unassigned chat can never notify. For those who may answer, the
 * notification names its chat (`replyTo`): the desktop app on macOS offers an inline reply,
 * which the inbox sends (InboxProvider).
 */
import { callWaits, type ChatNoteView, type InboxChatView, type InboxMessageView } from '@switchboard/shared';
import { useCallback, useRef } from 'react';
import { useNavigate } from 'react-router';
import { useAbility, useAuth } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { on } from '../../../auth/ability.ts';
import { lastMessageWords, previewText } from '../list/ChatListItem.tsx';
import { groupEventText } from '../thread/groupEventText.ts';
import { chatKey, phoneFromJid } from '../model/keys.ts';
import { previewOf, type InboxState } from '../model/inboxReducer.ts';
import type { NotifyPrefs } from './prefs.ts';
import { SeenOnce } from './seenOnce.ts';
import { playChime } from './sound.ts';

/**
 * Returns the function that notifies one incoming message. Of the changes to a group, only a
 * request to join notifies, and only those who may answer it (`update Chat` on the group): they
 * get it because the account is an admin, and nobody else would tell them someone waits.
 */
export function useNotifier(prefs: NotifyPrefs): (state: InboxState, m: InboxMessageView) => void {
  const { platform } = useAuth();
  const ability = useAbility();
  const canAnswer = ability.can('send', 'Message');
  const navigate = useNavigate();
  const { t, fmt } = useI18n();
  const seen = useRef(new SeenOnce());
  return useCallback(
    (state, m) => {
      // Announced again (its file came late, someone voted in it): it was news once.
      if (!seen.current.first(`${m.sessionId}\n${m.id}`)) return;
      // A call answered on the phone leaves nobody waiting.
      if (!prefs.enabled || prefs.muted.includes(m.sessionId) || m.kind === 'reaction' || !callWaits(m.call)) return;
      const request = m.system?.action === 'join_request' && m.system.value === 'created' ? m.system : null;
      if (m.kind === 'system' && !(request && ability.can('update', on('Chat', { sessionId: m.sessionId, jid: m.chatId })))) return;
      const key = chatKey(m.sessionId, m.chatId);
      const looking = state.openKey === key && document.visibilityState === 'visible' && document.hasFocus();
      if (looking) return;
      const chat = state.chats.get(key);
      const title = chat?.name ?? m.pushName ?? phoneFromJid(m.chatId) ?? t('inbox.unknownContact');
      const route = `/inbox/${encodeURIComponent(m.sessionId)}/${encodeURIComponent(m.chatId)}`;
      // A request to join is answered in the group's details, not by a reply.
      const body = request ? groupEventText(request, t, fmt.list, chat?.sessionName ?? '') : previewText(previewOf(m), t);
      platform.notify({ title, body, tag: key, route, silent: true, ...(canAnswer && !request ? { replyTo: key } : {}) }, () => navigate(route));
      if (prefs.sound) playChime();
    },
    [prefs, platform, navigate, t, fmt, canAnswer, ability],
  );
}

/**
 * Notifies that a chat put aside is back (its time came): the reminder snoozing promises. Same
 * preferences and tag as a message of that chat; once per chat and snooze.
 */
export function useWakeNotifier(prefs: NotifyPrefs): (chat: InboxChatView) => void {
  const { platform } = useAuth();
  const navigate = useNavigate();
  const { t, fmt } = useI18n();
  const told = useRef(new Set<string>());
  return useCallback(
    (chat) => {
      if (!prefs.enabled || prefs.muted.includes(chat.sessionId) || chat.snoozedUntil === null) return;
      const key = chatKey(chat.sessionId, chat.id);
      const once = `${key}@${chat.snoozedUntil}`;
      if (told.current.has(once)) return;
      told.current.add(once);
      const route = `/inbox/${encodeURIComponent(chat.sessionId)}/${encodeURIComponent(chat.id)}`;
      const title = chat.name ?? phoneFromJid(chat.id) ?? t('inbox.unknownContact');
      platform.notify({ title, body: t('snooze.wokeBody', { when: fmt.dateTime(chat.snoozedUntil) }), tag: key, route, silent: true }, () => navigate(route));
      if (prefs.sound) playChime();
    },
    [prefs, platform, navigate, t, fmt],
  );
}

/**
 * Notifies that a chat was just given to the user (assigned to them by a colleague or by the
 * automatic distribution): the customer's message that came with it reached the user before
 * the chat was theirs, so nothing else would tell them. Once per chat while the app is open.
 */
export function useAssignedNotifier(prefs: NotifyPrefs): (chat: InboxChatView) => void {
  const { platform } = useAuth();
  const navigate = useNavigate();
  const { t, fmt } = useI18n();
  const told = useRef(new Set<string>());
  return useCallback(
    (chat) => {
      if (!prefs.enabled || prefs.muted.includes(chat.sessionId)) return;
      const key = chatKey(chat.sessionId, chat.id);
      if (told.current.has(key)) return;
      told.current.add(key);
      const route = `/inbox/${encodeURIComponent(chat.sessionId)}/${encodeURIComponent(chat.id)}`;
      const title = chat.name ?? phoneFromJid(chat.id) ?? t('inbox.unknownContact');
      // In words, as the list shows it: a photo as *Foto*, a change to the group as a sentence.
      const preview = lastMessageWords(chat, { t, fmt });
      platform.notify({ title, body: preview ? t('notify.assigned', { preview }) : t('notify.assignedEmpty'), tag: key, route, silent: true }, () => navigate(route));
      if (prefs.sound) playChime();
    },
    [prefs, platform, navigate, t, fmt],
  );
}

/**
 * Notifies a colleague's internal note that mentions the user (`@Nombre`): whoever wrote it wants
 * them in this conversation now. Not for their own notes; once per note.
 */
export function useMentionNotifier(prefs: NotifyPrefs, me: string): (state: InboxState, note: ChatNoteView) => void {
  const { platform } = useAuth();
  const navigate = useNavigate();
  const { t } = useI18n();
  const told = useRef(new Set<string>());
  return useCallback(
    (state, note) => {
      if (!prefs.enabled || note.author.id === me || !note.mentions.some((m) => m.id === me) || told.current.has(note.id)) return;
      told.current.add(note.id);
      const key = chatKey(note.sessionId, note.chatId);
      const route = `/inbox/${encodeURIComponent(note.sessionId)}/${encodeURIComponent(note.chatId)}`;
      const title = state.chats.get(key)?.name ?? phoneFromJid(note.chatId) ?? t('inbox.unknownContact');
      platform.notify({ title, body: t('notes.mentionedYou', { name: note.author.name, text: note.text }), tag: `note-${note.id}`, route, silent: true }, () => navigate(route));
      if (prefs.sound) playChime();
    },
    [prefs, me, platform, navigate, t],
  );
}
