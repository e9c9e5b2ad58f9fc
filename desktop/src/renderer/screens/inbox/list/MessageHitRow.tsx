/** One message found (a search hit, a marked message): its chat, when, its words, and its session; a click opens the chat at it. */
import type { MessageSearchHit } from '@switchboard/shared';
import type { ReactNode } from 'react';
import { useI18n, type I18n } from '../../../i18n/index.tsx';
import { ChatAvatar } from './ChatAvatar.tsx';
import { chatTitle, previewText, shortTime } from './ChatListItem.tsx';

/** The words a hit shows: its text or caption, else what kind of message it is. */
export function hitText({ message: m }: MessageSearchHit, t: I18n['t']): string {
  return m.text ?? m.caption ?? previewText(`[${m.kind}]`, t);
}

/** `children`: the words as shown (marked, or plain); `meta`: a line under them. */
export function MessageHitRow({ hit, showSession, onOpen, children, meta }: { hit: MessageSearchHit; showSession: boolean; onOpen(hit: MessageSearchHit): void; children: ReactNode; meta?: ReactNode }) {
  const { t, fmt } = useI18n();
  const m = hit.message;
  const title = chatTitle(hit.chat);
  return (
    <li>
      <button type="button" className="search-hit" onClick={() => onOpen(hit)} data-message={m.id}>
        <ChatAvatar name={title} mediaId={hit.chat.profilePictureMediaId} />
        <span className="chat-main">
          <span className="chat-line">
            <span className="chat-name">{title}</span>
            <time className="chat-time" dateTime={new Date(m.timestamp).toISOString()}>
              {shortTime(m.timestamp, fmt)}
            </time>
          </span>
          <span className="search-snippet">
            {m.fromMe && <span className="muted">{t('inbox.you')}: </span>}
            {children}
          </span>
          {(showSession || meta) && (
            <span className="chat-line chat-meta">
              {meta}
              {showSession && <span className="session-tag">{hit.chat.sessionName}</span>}
            </span>
          )}
        </span>
      </button>
    </li>
  );
}
