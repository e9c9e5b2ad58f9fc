/**
 * The command palette's entries: what the server found (conversations, sessions, users) and the
 * app's own places and commands, each with what it does when chosen. Built from the user's
 * abilities, like the navigation, so it never offers what the gateway would refuse.
 */
import type { InboxChatView, SessionView, UserView } from '@switchboard/shared';
import type { ClientAbility } from '../../auth/ability.ts';
import { mayStartChats } from '../../screens/inbox/model/newChat.ts';
import { translate, type I18n, type Locale, type MessageKey } from '../../i18n/index.tsx';
import type { IconName } from '../../ui/Icon.tsx';
import { roleLabel } from '../../ui/roleLabel.ts';
import { chatTitle } from '../../screens/inbox/list/ChatListItem.tsx';
import { displayPhone } from '../../screens/inbox/model/keys.ts';
import { phoneOf } from '../../screens/sessions/sessionsApi.ts';
import { NAV } from '../nav.ts';
import { rankByMatch } from './match.ts';

/** The palette's groups, in the order they are listed. */
export const PALETTE_GROUPS = ['chats', 'sessions', 'users', 'sections', 'actions', 'messages'] as const;
export type PaletteGroup = (typeof PALETTE_GROUPS)[number];

/** One entry. */
export interface PaletteItem {
  /** Unique within the palette (it names the option for assistive technology). */
  id: string;
  group: PaletteGroup;
  icon: IconName;
  label: string;
  detail?: string;
  /** Keys that do the same without the palette (`g s`). */
  shortcut?: string;
  /** Other words that find it (the other language's name of a place). */
  keywords?: string[];
  run(): void;
}

/** What choosing an entry may do. */
export interface PaletteActions {
  navigate(to: string): void;
  setLocale(locale: Locale): void;
  openShortcuts(): void;
  toggleSidebar(): void;
  signOut(): void;
}

const enc = encodeURIComponent;
const bothLanguages = (key: MessageKey) => [translate('es', key), translate('en', key)];

/** The app's places and commands that match `query` (all of them for an empty one). */
export function staticItems(query: string, ability: ClientAbility, t: I18n['t'], locale: Locale, act: PaletteActions): PaletteItem[] {
  const sections: PaletteItem[] = NAV.filter((n) => n.visible(ability)).map((n) => ({
    id: `section:${n.to}`,
    group: 'sections',
    icon: n.icon,
    label: t(n.label),
    shortcut: `g ${n.key}`,
    keywords: bothLanguages(n.label),
    run: () => act.navigate(n.to),
  }));
  const other: Locale = locale === 'es' ? 'en' : 'es';
  const actions: PaletteItem[] = [];
  if (ability.can('create', 'Session'))
    actions.push({ id: 'action:new-session', group: 'actions', icon: 'plus', label: t('palette.newSession'), keywords: bothLanguages('palette.newSession'), run: () => act.navigate('/sessions?new=1') });
  if (ability.can('read', 'Chat') && mayStartChats(ability))
    actions.push({ id: 'action:new-chat', group: 'actions', icon: 'edit', label: t('newChat.open'), shortcut: 'N', keywords: [...bothLanguages('newChat.open'), 'whatsapp'], run: () => act.navigate('/inbox?new=1') });
  if (ability.can('read', 'Message'))
    actions.push({ id: 'action:starred', group: 'actions', icon: 'star', label: t('star.all'), keywords: [...bothLanguages('star.all'), 'destacados', 'starred'], run: () => act.navigate('/inbox?starred=1') });
  if (ability.can('create', 'User') && ability.can('read', 'Role'))
    actions.push({ id: 'action:new-user', group: 'actions', icon: 'plus', label: t('palette.newUser'), keywords: bothLanguages('palette.newUser'), run: () => act.navigate('/users?new=1') });
  actions.push(
    { id: 'action:language', group: 'actions', icon: 'globe', label: t('palette.language', { language: t(`lang.${other}`) }), keywords: [...bothLanguages('user.language'), 'idioma', 'language'], run: () => act.setLocale(other) },
    { id: 'action:password', group: 'actions', icon: 'key', label: t('user.changePassword'), keywords: bothLanguages('user.changePassword'), run: () => act.navigate('/change-password') },
    { id: 'action:shortcuts', group: 'actions', icon: 'keyboard', label: t('user.shortcuts'), shortcut: '?', keywords: bothLanguages('user.shortcuts'), run: () => act.openShortcuts() },
    { id: 'action:sidebar', group: 'actions', icon: 'sidebar', label: t('nav.toggle'), keywords: [...bothLanguages('nav.toggle'), 'sidebar', 'barra lateral'], run: () => act.toggleSidebar() },
    { id: 'action:sign-out', group: 'actions', icon: 'logout', label: t('user.signOut'), keywords: bothLanguages('user.signOut'), run: () => act.signOut() },
  );
  const text = (i: PaletteItem) => ({ label: i.label, ...(i.keywords ? { keywords: i.keywords } : {}) });
  return [...rankByMatch(sections, query, text), ...rankByMatch(actions, query, text)];
}

/** "Search these words in the messages": the inbox's message search, for whoever may read chats. */
export function messageSearchItem(query: string, ability: ClientAbility, t: I18n['t'], act: PaletteActions): PaletteItem[] {
  const text = query.trim();
  if (text.length < 2 || !ability.can('read', 'Chat')) return [];
  return [{ id: 'messages:search', group: 'messages', icon: 'search', label: t('palette.searchMessages', { text }), run: () => act.navigate(`/inbox?search=${enc(text)}&in=messages`) }];
}

/** Entries for what the server found. */
export function foundItems(found: { chats: InboxChatView[]; sessions: SessionView[]; users: UserView[] }, t: I18n['t'], act: PaletteActions): PaletteItem[] {
  const chats = found.chats.map<PaletteItem>((c) => ({
    id: `chat:${c.sessionId}:${c.id}`,
    group: 'chats',
    icon: 'message',
    label: chatTitle(c),
    detail: [c.name ? displayPhone(c.phone) : null, c.sessionName].filter(Boolean).join(' · '),
    run: () => act.navigate(`/inbox/${enc(c.sessionId)}/${enc(c.id)}`),
  }));
  const sessions = found.sessions.map<PaletteItem>((s) => ({
    id: `session:${s.sessionId}`,
    group: 'sessions',
    icon: 'phone',
    label: s.name,
    detail: [phoneOf(s.me?.id), t(`status.${s.status}`)].filter(Boolean).join(' · '),
    run: () => act.navigate(`/sessions/${enc(s.sessionId)}`),
  }));
  const users = found.users.map<PaletteItem>((u) => ({
    id: `user:${u.id}`,
    group: 'users',
    icon: 'user',
    label: u.name,
    detail: [u.email, roleLabel(t, u.role.name)].filter(Boolean).join(' · '),
    run: () => act.navigate(`/users?q=${enc(u.email)}`),
  }));
  return [...chats, ...sessions, ...users];
}
