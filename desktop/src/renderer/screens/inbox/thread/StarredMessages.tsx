/**
 * *Mensajes destacados*: what the team marked in the open chat to find it again (an address, an
 * order number, a payment), newest first, each with who wrote it, when, and who marked it. A click
 * goes to the message in the thread. The list follows marks made meanwhile on any console.
 */
import type { InboxChatView, InboxMessageView } from '@switchboard/shared';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useSocketEvent } from '../../../realtime/RealtimeProvider.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { EmptyState, ErrorBox, Loading } from '../../../ui/Feedback.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { inboxApi } from '../inboxApi.ts';
import { previewText, shortTime } from '../list/ChatListItem.tsx';

export function StarredMessagesDialog({ chat, open, onClose }: { chat: InboxChatView; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog open={open} onClose={onClose} size="md" title={t('star.list')} description={t('star.listHint')}>
      {open && <StarredList chat={chat} onDone={onClose} />}
    </Dialog>
  );
}

function StarredList({ chat, onDone }: { chat: InboxChatView; onDone(): void }) {
  const { t, fmt } = useI18n();
  const rest = inboxApi(useApi());
  const navigate = useNavigate();
  const [messages, setMessages] = useState<InboxMessageView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const { sessionId, id: chatId } = chat;
  useEffect(() => {
    let live = true;
    rest.starred(sessionId, chatId).then(
      (page) => live && setMessages(page.data),
      (err: unknown) => live && setError(err),
    );
    return () => void (live = false);
    // Read again when a mark changes (tick); `rest` is made anew each render.
  }, [sessionId, chatId, tick]);
  useSocketEvent('message-star', (e) => e.sessionId === sessionId && e.chatId === chatId && setTick((n) => n + 1));

  if (error) return <ErrorBox error={error} onRetry={() => (setError(null), setTick((n) => n + 1))} />;
  if (!messages) return <Loading label={t('star.list')} />;
  if (messages.length === 0) return <EmptyState icon="star" title={t('star.list')}>{t('star.empty')}</EmptyState>;
  const go = (m: InboxMessageView) => {
    onDone();
    navigate(`/inbox/${encodeURIComponent(sessionId)}/${encodeURIComponent(chatId)}?m=${encodeURIComponent(m.id)}`);
  };
  return (
    <ul className="starred-list" aria-label={t('star.list')}>
      {messages.map((m) => (
        <li key={m.id}>
          <button type="button" className="starred-item" onClick={() => go(m)} title={t('star.open')}>
            <span className="chat-line">
              <span className="chat-name">{m.fromMe ? (m.sentBy?.name ?? t('inbox.you')) : (m.pushName ?? chat.name ?? '')}</span>
              <time className="chat-time" dateTime={new Date(m.timestamp).toISOString()}>
                {shortTime(m.timestamp, fmt)}
              </time>
            </span>
            <span className="starred-text">{m.revokedAt !== undefined ? t('msg.deleted') : (m.text ?? m.caption ?? previewText(`[${m.kind}]`, t))}</span>
            {m.starred && (
              <span className="faint starred-meta">
                <Icon name="star" size={11} /> {[m.starred.name && t('star.by', { name: m.starred.name }), fmt.dateTime(m.starred.at)].filter(Boolean).join(' · ')}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
