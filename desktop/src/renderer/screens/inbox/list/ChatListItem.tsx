/** One row of the chat list: who, which session, the last message, when, unread, needs-reply and labels. */
import type { InboxChatView, LabelView } from '@switchboard/shared';
import { memo } from 'react';
import { hasMessage, useI18n } from '../../../i18n/index.tsx';
import { displayPhone, phoneFromJid } from '../model/keys.ts';
import { LabelChips } from '../labels/LabelChips.tsx';
import type { AgentHere } from '../model/agentsHere.ts';
import { Icon } from '../../../ui/Icon.tsx';
import { waitLabel } from '../model/needsReply.ts';
import { ChatAvatar } from './ChatAvatar.tsx';
import { whenPhrase } from '../scheduled/whenPhrase.ts';
import { groupEventText } from '../thread/groupEventText.ts';

/** The name to show for a chat. */
export function chatTitle(c: Pick<InboxChatView, 'name' | 'phone' | 'id'>): string {
  return c.name || displayPhone(c.phone) || phoneFromJid(c.id) || c.id.split('@')[0] || c.id;
}

/** The list preview of a message summary; `[image]`-style previews become words (after a group member's name too). */
export function previewText(preview: string | null, t: ReturnType<typeof useI18n>['t']): string {
  const found = /^(?:(.+?): )?\[(\w+)\]$/.exec(preview ?? '');
  const key = `kind.${found?.[2] ?? ''}`;
  if (!found || !hasMessage(key)) return preview ?? '';
  return found[1] ? `${found[1]}: ${t(key)}` : t(key);
}

/** A chat's last message in words: a change to a group as the thread says it, else its preview worded. */
export function lastMessageWords(chat: Pick<InboxChatView, 'lastMessageSystem' | 'lastMessagePreview' | 'sessionName'>, { t, fmt }: Pick<ReturnType<typeof useI18n>, 't' | 'fmt'>): string {
  return chat.lastMessageSystem ? groupEventText(chat.lastMessageSystem, t, fmt.list, chat.sessionName) : previewText(chat.lastMessagePreview, t);
}

/** Props of ChatListItem. */
export interface ChatListItemProps {
  chat: InboxChatView;
  id: string;
  selected: boolean;
  active: boolean;
  /** While chats are being picked: whether this one is (a tick instead of the picture). */
  checked?: boolean | undefined;
  showAssignees: boolean;
  /** Name the chat's session (off when the user sees a single session: it would say the same on every row). */
  showSession: boolean;
  labelsById: ReadonlyMap<string, LabelView>;
  /** Other agents who have this chat open. */
  agents: readonly AgentHere[];
  /** The contact is typing or calling now (said in place of the preview). */
  activity: 'composing' | 'calling' | null;
  /** The reply typed and not sent in this chat, if any. */
  draft?: string | undefined;
  /** The time the waits are measured to (ms; ticks every minute). */
  now: number;
  onOpen(): void;
}

/** A chat row (an option of the listbox). */
export const ChatListItem = memo(function ChatListItem({ chat, id, selected, active, checked, showAssignees, showSession, labelsById, agents, activity, draft, now, onOpen }: ChatListItemProps) {
  const i18n = useI18n();
  const { t, tn, fmt } = i18n;
  const title = chatTitle(chat);
  const when = chat.lastMessageAt ? shortTime(chat.lastMessageAt, fmt) : '';
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      className={`chat-item${selected ? ' selected' : ''}${checked !== undefined ? ' picking' : ''}${active ? ' active' : ''}${chat.needsReply ? ' needs-reply' : ''}`}
      onClick={onOpen}
      data-chat={chat.id}
      data-session={chat.sessionId}
    >
      {checked === undefined ? (
        <ChatAvatar name={title} mediaId={chat.profilePictureMediaId} />
      ) : (
        <span className={`chat-check${checked ? ' on' : ''}`} aria-hidden="true">
          {checked && <Icon name="check" size={18} />}
        </span>
      )}
      <div className="chat-main">
        <div className="chat-line">
          <span className="chat-name">{title}</span>
          {chat.pinnedAt !== null && (
            <span className="chat-pin" title={t('pin.inList')}>
              <Icon name="pin" size={12} />
              <span className="sr-only">{t('pin.inList')}</span>
            </span>
          )}
          <time className="chat-time" dateTime={chat.lastMessageAt ? new Date(chat.lastMessageAt).toISOString() : undefined}>
            {when}
          </time>
        </div>
        <div className="chat-line">
          <span className={`chat-preview${activity ? ` typing ${activity}` : ''}`}>
            {activity ? t(activity === 'calling' ? 'inbox.calling' : 'thread.typing') : draft ? (
              <>
                <span className="draft-tag">{t('inbox.draft')}: </span>
                {draft}
              </>
            ) : (
              <>
                {/* A change to a group names who made it already. */}
                {chat.lastMessageFromMe && !chat.lastMessageSystem && <span className="muted">{t('inbox.you')}: </span>}
                {lastMessageWords(chat, i18n)}
              </>
            )}
          </span>
          {chat.unreadCount > 0 && (
            <span className="unread-badge" aria-label={tn('inbox.unread', chat.unreadCount)}>
              {chat.unreadCount > 99 ? '99+' : chat.unreadCount}
            </span>
          )}
        </div>
        <div className="chat-line chat-meta">
          {showSession && <span className="session-tag">{chat.sessionName}</span>}
          {chat.blocked && (
            <span className="blocked-tag">
              <Icon name="ban" size={12} />
              {t('block.inList')}
            </span>
          )}
          {chat.needsReply && (
            <span className="needs-reply-tag" title={chat.waitingSince ? t('inbox.waitingSince', { when: fmt.dateTime(chat.waitingSince) }) : undefined}>
              {t('inbox.needsReply')}
              {chat.waitingSince !== null && ` · ${waitLabel(now - chat.waitingSince)}`}
            </span>
          )}
          {chat.scheduledFailed && (
            <span className="scheduled-tag failed">
              <Icon name="alert" size={12} />
              {t('scheduled.failedInList')}
            </span>
          )}
          {chat.nextScheduledAt !== null && (
            <span className="scheduled-tag" title={t('scheduled.inList', { when: whenPhrase(chat.nextScheduledAt, Date.now(), i18n) })}>
              <Icon name="calendar" size={12} />
              <span className="sr-only">{t('scheduled.inListShort')} </span>
              {whenPhrase(chat.nextScheduledAt, Date.now(), i18n)}
            </span>
          )}
          <LabelChips ids={chat.labels} labelsById={labelsById} max={2} />
          {agents.length > 0 && (
            <span className={`agent-here-tag${agents.some((a) => a.state === 'typing') ? ' replying' : ''}`} role="img" aria-label={t('agents.inList', { names: agents.map((a) => a.name).join(', ') })}>
              <Icon name={agents.some((a) => a.state === 'typing') ? 'edit' : 'eye'} size={12} />
              {agents[0]!.name.split(' ')[0]}
              {agents.length > 1 ? ` +${agents.length - 1}` : ''}
            </span>
          )}
          {showAssignees && <span className="faint chat-assignees">{chat.assignees.length ? chat.assignees.map((a) => a.name).join(', ') : t('inbox.unassigned')}</span>}
        </div>
      </div>
    </div>
  );
});

/** "14:05" today, "ayer"/weekday this week, else a short date. */
export function shortTime(ms: number, fmt: ReturnType<typeof useI18n>['fmt']): string {
  const d = new Date(ms);
  const now = new Date();
  if (d.toDateString() === now.toDateString()) return fmt.time(ms).slice(0, 5);
  const days = (now.getTime() - ms) / 86_400_000;
  if (days < 6) return fmt.relative(ms);
  return fmt.date(ms);
}
