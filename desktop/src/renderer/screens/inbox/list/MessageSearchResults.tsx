/**
 * Messages that contain the search text, newest first, across the chats the user may read (or
 * the session picked in the filters, or the open chat alone): who, which session, when, and the
 * words found marked.
 * Arrows move between hits, Enter (or a click) opens the chat at that message.
 */
import type { MessageSearchHit } from '@switchboard/shared';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState, ErrorBox, Loading } from '../../../ui/Feedback.tsx';
import { inboxApi } from '../inboxApi.ts';
import { MessageHitRow, hitText } from './MessageHitRow.tsx';
import { snippet } from './snippet.ts';

const PAGE = 30;

/** Props of MessageSearchResults. */
export interface MessageSearchResultsProps {
  q: string;
  sessionId: string;
  /** Only this chat's messages (with `sessionId`: the chat's session). */
  chatId?: string;
  /** Name each hit's session (off when the user sees a single session, as in the chat list). */
  showSession: boolean;
  onOpen(hit: MessageSearchHit): void;
}

/** The hits of a message search. */
export function MessageSearchResults({ q, sessionId, chatId, showSession, onOpen }: MessageSearchResultsProps) {
  const { t } = useI18n();
  const api = useApi();
  const rest = useMemo(() => inboxApi(api), [api]);
  const [hits, setHits] = useState<MessageSearchHit[]>([]);
  const [page, setPage] = useState(1);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [tick, setTick] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const tooShort = q.trim().length < 2;

  // A new search starts over.
  useEffect(() => {
    setHits([]);
    setPage(1);
  }, [q, sessionId, chatId]);

  useEffect(() => {
    if (tooShort) return;
    const ctrl = new AbortController();
    setLoading(true);
    setError(undefined);
    rest.searchMessages(q, { sessionId, ...(chatId ? { chatId } : {}), page, limit: PAGE }, ctrl.signal).then(
      (p) => {
        setHits((cur) => (page === 1 ? p.data : [...cur, ...p.data]));
        setMore(p.data.length === PAGE);
        setLoading(false);
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [rest, q, sessionId, chatId, page, tick, tooShort]);

  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return; // Ctrl+K is the command palette
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button.search-hit') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const delta = e.key === 'ArrowDown' || e.key === 'j' ? 1 : e.key === 'ArrowUp' || e.key === 'k' ? -1 : 0;
    if (!delta || buttons.length === 0) return;
    e.preventDefault();
    e.stopPropagation();
    buttons[Math.max(0, Math.min(buttons.length - 1, at + delta))]?.focus();
  };

  if (tooShort) return <p className="search-hint faint">{t('search.tooShort')}</p>;
  if (error && hits.length === 0) return <ErrorBox error={error} onRetry={() => setTick((n) => n + 1)} />;
  if (loading && hits.length === 0) return <Loading label={t('search.searching')} />;
  if (hits.length === 0) {
    return (
      <EmptyState icon="search" title={t('search.none.title')}>
        {t(chatId ? 'search.none.chat' : 'search.none.body', { q: q.trim() })}
      </EmptyState>
    );
  }
  return (
    <div className="search-results">
      <ul ref={list} className="search-hits" aria-label={t('search.results')} onKeyDown={onKey}>
        {hits.map((hit) => (
          <MessageHitRow key={`${hit.message.sessionId}/${hit.message.id}`} hit={hit} showSession={showSession} onOpen={onOpen}>
            {snippet(hitText(hit, t), q).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
          </MessageHitRow>
        ))}
      </ul>
      {error ? (
        <ErrorBox error={error} onRetry={() => setTick((n) => n + 1)} />
      ) : more ? (
        <Button size="sm" className="search-more" disabled={loading} onClick={() => setPage((n) => n + 1)}>
          {loading ? t('search.searching') : t('search.more')}
        </Button>
      ) : null}
    </div>
  );
}
