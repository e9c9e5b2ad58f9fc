/**
 * One message in the thread: the quoted message it answers, its media, its text (WhatsApp
 * formatting), time, delivery ticks, reactions, and, for a failed send, the reason with a
 * retry that really resends it (same message, same clientId).
 */
import { buildVCard, callPreviewKind, callWaits, isOnWhatsApp, pollFields, previewWords, textWithMentionNames, type InboxMessageView } from '@switchboard/shared';
import { memo } from 'react';
import { hasMessage, useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { Button, IconButton } from '../../../ui/Button.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import type { QuotedMessage } from '../model/drafts.ts';
import { canForward } from '../model/forward.ts';
import type { OutboxItem } from '../outbox/types.ts';
import type { TargetReactions } from '../model/inboxReducer.ts';
import { formatText } from './formatText.tsx';
import { ownMessageActions } from './OwnMessageDialogs.tsx';
import { ReactionPicker } from './ReactionPicker.tsx';
import { eventWhen } from './calendarEvent.ts';
import { EventCard } from './EventCard.tsx';
import { InviteCard } from './InviteCard.tsx';
import { ContactCards, PollCard } from './MessageCards.tsx';
import { MessageMedia } from './MessageMedia.tsx';
import { senderLabel } from './rows.ts';
import { StatusTicks } from './StatusTicks.tsx';
import { canReplyPrivately } from './usePrivateReply.ts';

/** Props of MessageBubble. */
export interface MessageBubbleProps {
  m: InboxMessageView;
  quoted: InboxMessageView | undefined;
  /** The name of the chat a quote from another chat is in (a private reply to a group message). */
  quotedChatName?: string | null | undefined;
  reactions: TargetReactions | undefined;
  senderName: string | null;
  /** What to call the session's own account when the message mentions it. */
  accountName: string;
  onReply(m: InboxMessageView): void;
  /** Absent for users who may not send in the chat. */
  onReact?: ((m: InboxMessageView, emoji: string) => void) | undefined;
  /** Edit / delete for everyone one of our messages (absent for users who may not send in the chat). */
  onEdit?: ((m: InboxMessageView) => void) | undefined;
  onDelete?: ((m: InboxMessageView) => void) | undefined;
  /** Marks it *Destacado* for the team, or takes the mark off (absent for users who may not send in the chat). */
  onStar?: ((m: InboxMessageView, on: boolean) => void) | undefined;
  /** Forward it to other chats (absent for users who may not send). */
  onForward?: ((m: InboxMessageView) => void) | undefined;
  /** Answers a group member in their own chat (*Responder en privado*). */
  onPrivateReply?: ((m: InboxMessageView) => void) | undefined;
  /** Starts picking several messages to forward, this one first. */
  onPickStart?: ((m: InboxMessageView) => void) | undefined;
  /** While several are picked: whether this one is (undefined when not picking). */
  picked?: boolean | undefined;
  onPickToggle?: ((m: InboxMessageView) => void) | undefined;
  /** A poll's voters' names, by id (those the thread knows). */
  voterNames?: ReadonlyMap<string, string> | undefined;
  /** Shows who sent one of ours and when it was delivered and read. */
  onInfo(m: InboxMessageView): void;
  onRetry(m: InboxMessageView): void;
}

/**
 * Kinds shown as a card of their own (their stored text is what the card renders, not words to
 * show as such), with what to call one that has no words.
 */
const CARD_LABELS: Partial<Record<string, MessageKey>> = { contact: 'card.label', poll: 'poll.label', event: 'event.label', invite: 'invite.label' };

/** A short line describing a message (quotes, reply preview). */
export function summaryOf(m: Pick<QuotedMessage, 'kind' | 'text' | 'caption' | 'media' | 'mentions' | 'invite'>, t: ReturnType<typeof useI18n>['t']): string {
  const label = CARD_LABELS[m.kind];
  if (label) return previewWords(m) || t(label);
  if (m.text) return textWithMentionNames(m.text, m.mentions);
  if (m.caption) return textWithMentionNames(m.caption, m.mentions);
  if (m.media?.fileName) return m.media.fileName;
  if (m.kind === 'image') return t('thread.image');
  if (m.kind === 'location') return t('thread.location');
  if (m.kind === 'voice') return t('thread.voiceNote');
  return `[${m.kind}]`;
}

/** Why the server refused a reply, in words: a known code's, a malformed one's, else the server's own. */
export function refusalText(error: OutboxItem['error'], t: ReturnType<typeof useI18n>['t']): string {
  const key = `code.${error?.code ?? ''}`;
  if (hasMessage(key)) return t(key);
  return error?.code === 'validation_failed' ? t('msg.refused') : (error?.message ?? '');
}

/** Why a send failed, in words: a known reason's (`not_in_group`), else WhatsApp's as it came. */
export function failureText(reason: string | undefined, t: ReturnType<typeof useI18n>['t']): string {
  if (!reason) return t('msg.failed');
  const key = `msg.reason.${reason}`;
  return t('msg.failedReason', { reason: hasMessage(key) ? t(key) : reason });
}

/**
 * The message a reply quotes: from this thread, else — a private reply to a group message — what
 * was kept of it, named with its group (*Diego Pardo · Vecinos del barrio*).
 */
function Quote({ quoted, elsewhere, chatName }: { quoted: InboxMessageView | undefined; elsewhere: InboxMessageView['quotedFrom']; chatName: string | null | undefined }) {
  const { t } = useI18n();
  if (!quoted && elsewhere) {
    const who = elsewhere.fromMe ? t('inbox.you') : (senderLabel({ sender: elsewhere.sender, pushName: elsewhere.senderName }) ?? t('thread.quoted'));
    return (
      <div className="msg-quote">
        <span className="msg-quote-label">{t('thread.quotedIn', { who, group: chatName ?? t('composer.aGroup') })}</span>
        <span className="msg-quote-text">{summaryOf({ kind: elsewhere.kind, ...(elsewhere.text ? { text: elsewhere.text } : {}) }, t)}</span>
      </div>
    );
  }
  return (
    <div className="msg-quote">
      <span className="msg-quote-label">{quoted ? (quoted.fromMe ? t('inbox.you') : (senderLabel(quoted) ?? t('thread.quoted'))) : t('thread.quoted')}</span>
      <span className="msg-quote-text">{quoted ? summaryOf(quoted, t) : '…'}</span>
    </div>
  );
}

/** A message bubble. */
export const MessageBubble = memo(function MessageBubble({ m, quoted, quotedChatName, reactions, senderName, accountName, voterNames, onReply, onReact, onEdit, onDelete, onStar, onForward, onPrivateReply, onPickStart, picked, onPickToggle, onInfo, onRetry }: MessageBubbleProps) {
  const own = onEdit || onDelete ? ownMessageActions(m, Date.now()) : { edit: false, remove: false };
  const { t, fmt } = useI18n();
  const text = CARD_LABELS[m.kind] ? undefined : (m.text ?? m.caption);
  const unsupported = m.kind === 'unsupported';
  const picking = picked !== undefined;
  return (
    <div className={`msg ${m.fromMe ? 'msg-out' : 'msg-in'}${m.status === 'failed' ? ' msg-failed' : ''}${picked ? ' msg-picked' : ''}`} data-id={m.id} data-kind={m.kind}>
      <div className="msg-line">
      {picking && onPickToggle && canForward(m) && (
        <button type="button" role="checkbox" className="msg-pick" aria-checked={picked} aria-label={t('forward.pickOne')} onClick={() => onPickToggle(m)}>
          {picked && <Icon name="check" size={14} />}
        </button>
      )}
      <div className="bubble">
        {senderName && <div className="msg-sender">{senderName}</div>}
        {m.forwarded && (
          <p className="msg-forwarded">
            <Icon name="forward" size={12} /> {t('forward.label')}
          </p>
        )}
        {m.quotedId && <Quote quoted={quoted} elsewhere={m.quotedFrom} chatName={quotedChatName} />}
        <MessageMedia m={m} />
        {unsupported && <p className="muted msg-text">{t('thread.unsupported')}</p>}
        {m.kind === 'contact' && m.revokedAt === undefined && <ContactCards m={m} />}
        {m.kind === 'poll' && m.revokedAt === undefined && <PollCard text={m.text} votes={m.pollVotes} names={voterNames} />}
        {m.kind === 'event' && m.revokedAt === undefined && <EventCard m={m} names={voterNames} />}
        {m.kind === 'invite' && m.revokedAt === undefined && <InviteCard m={m} />}
        {m.kind === 'call' && m.call && (
          <p className={`msg-text msg-call${callWaits(m.call) ? ' msg-call-unanswered' : ''}`} title={t('call.hint')}>
            <Icon name={m.call.video ? 'video' : 'call'} size={15} /> {t(`call.${callPreviewKind(m.call)}` as MessageKey)}
          </p>
        )}
        {m.revokedAt !== undefined && (
          <p className="msg-text msg-deleted">
            <Icon name="x" size={13} /> {t('msg.deleted')}
          </p>
        )}
        {text && <p className="msg-text">{formatText(text, m.mentions && { mentions: m.mentions, account: accountName })}</p>}
        <div className="msg-foot">
          {m.starred && (
            <span className="msg-starred" role="img" aria-label={t('star.marked')} title={t('star.markedAt', { when: fmt.dateTime(m.starred.at) })}>
              <Icon name="star" size={11} />
            </span>
          )}
          {m.editedAt !== undefined && (
            <span className="msg-edited" title={t('msg.editedAt', { when: fmt.dateTime(m.editedAt) })}>
              {t('msg.edited')}
            </span>
          )}
          <time dateTime={new Date(m.timestamp).toISOString()} title={fmt.dateTime(m.timestamp)}>
            {fmt.time(m.timestamp).slice(0, 5)}
          </time>
          {m.fromMe && <StatusTicks status={m.status} />}
        </div>
        {reactions && (
          <div className="msg-reactions" aria-label={reactions.mine ? t('thread.reactions', { emojis: reactions.emojis.join(' '), mine: reactions.mine }) : reactions.emojis.join(' ')}>
            {reactions.emojis.join('')}
          </div>
        )}
      </div>
      {m.revokedAt === undefined && !picking && m.kind !== 'call' && <div className="msg-actions">
        <IconButton icon="reply" size="sm" label={t('thread.reply')} onClick={() => onReply(m)} />
        {/* Only a message WhatsApp has can be reacted to (not one still pending or failed). */}
        {onReact && (!m.fromMe || isOnWhatsApp(m.status)) && <ReactionPicker mine={reactions?.mine ?? null} onReact={(emoji) => onReact(m, emoji)} />}
        {onPrivateReply && canReplyPrivately(m) && <IconButton icon="message" size="sm" label={t('group.replyPrivately')} onClick={() => onPrivateReply(m)} />}
        {onForward && canForward(m) && <IconButton icon="forward" size="sm" label={t('forward.action')} onClick={() => onForward(m)} />}
        {onPickStart && canForward(m) && <IconButton icon="checkSquare" size="sm" label={t('forward.pickStart')} onClick={() => onPickStart(m)} />}
        {onStar && m.kind !== 'reaction' && <IconButton icon="star" size="sm" label={t(m.starred ? 'star.remove' : 'star.add')} aria-pressed={!!m.starred} onClick={() => onStar(m, !m.starred)} />}
        {m.fromMe && m.kind !== 'reaction' && <IconButton icon="info" size="sm" label={t('info.action')} onClick={() => onInfo(m)} />}
        {own.edit && onEdit && <IconButton icon="edit" size="sm" label={t('msg.edit')} onClick={() => onEdit(m)} />}
        {own.remove && onDelete && <IconButton icon="trash" size="sm" label={t('msg.delete')} onClick={() => onDelete(m)} />}
      </div>}
      </div>
      {m.status === 'failed' && (
        <div className="msg-error" role="alert">
          <span>{failureText(m.statusReason, t)}</span>
          <Button size="sm" icon="refresh" onClick={() => onRetry(m)}>
            {t('msg.retry')}
          </Button>
        </div>
      )}
    </div>
  );
});

/** A reply still in the offline outbox: queued, sending, or refused with a reason. */
export function OutboxBubble({ item, onRetry, onDiscard }: { item: OutboxItem; onRetry(): void; onDiscard(): void }) {
  const { t, fmt, locale } = useI18n();
  return (
    <div className={`msg msg-out msg-queued${item.state === 'failed' ? ' msg-failed' : ''}`} data-client-id={item.clientId} data-outbox={item.state}>
      <div className="bubble">
        {item.fileName && (
          <div className="media-doc">
            <span className="media-doc-name">{item.fileName}</span>
            {item.file && <span className="faint">{fmt.bytes(item.file.size)}</span>}
          </div>
        )}
        {item.contact && <ContactCards m={{ sessionId: item.sessionId, text: buildVCard(item.contact) }} />}
        {item.poll && <PollCard text={pollFields(item.poll).text} />}
        {item.event && (
          <p className="msg-text">
            📅 {item.event.name}
            <span className="faint"> · {eventWhen(item.event, locale)}</span>
          </p>
        )}
        {item.location && (
          <p className="msg-text">
            📍 {item.location.name ?? `${item.location.latitude.toFixed(5)}, ${item.location.longitude.toFixed(5)}`}
          </p>
        )}
        {item.text && <p className="msg-text">{formatText(item.text, item.mentions && { mentions: item.mentions, account: '' })}</p>}
        <div className="msg-foot">
          <time dateTime={new Date(item.createdAt).toISOString()}>{fmt.time(item.createdAt).slice(0, 5)}</time>
          <StatusTicks status={item.state === 'failed' ? 'failed' : item.state} />
        </div>
      </div>
      {item.state === 'failed' ? (
        <div className="msg-error" role="alert">
          <span>{t('msg.failedReason', { reason: refusalText(item.error, t) })}</span>
          <Button size="sm" icon="refresh" onClick={onRetry}>
            {t('msg.retry')}
          </Button>
          <Button size="sm" variant="ghost" onClick={onDiscard}>
            {t('msg.discard')}
          </Button>
        </div>
      ) : (
        <p className="msg-queued-note faint">{item.state === 'sending' ? t('msg.sending') : t('msg.queued')}</p>
      )}
    </div>
  );
}
