/**
 * *Mensajes destacados* of every conversation the user may read (the star beside the list's
 * title; the session picked in the filters, if any): what the team marked, the latest marked
 * first, each with its chat, its words and who marked it when, as WhatsApp lists its starred
 * messages. A click opens the chat at the message. Read again when a mark changes anywhere
 * the user reads (`message-star`).
 */
import type { MessageSearchHit } from '@switchboard/shared';
import { useMemo, useState } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useSocketEvent } from '../../../realtime/RealtimeProvider.tsx';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState, ErrorBox, Loading } from '../../../ui/Feedback.tsx';
import { inboxApi } from '../inboxApi.ts';
import { MessageHitRow, hitText } from './MessageHitRow.tsx';

const PAGE = 30;
/** The most the list shows (the server's page limit). */
const MOST = 200;

/** The marked messages (mounted while the star is pressed). */
export function StarredResults({ sessionId, showSession, onOpen }: { sessionId: string; showSession: boolean; onOpen(hit: MessageSearchHit): void }) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const rest = useMemo(() => inboxApi(api), [api]);
  const [pages, setPages] = useState(1);
  // Every page shown so far, read as one (a mark added or taken off moves the rest).
  const limit = Math.min(MOST, PAGE * pages);
  const res = useResource((signal) => rest.starredMessages({ ...(sessionId ? { sessionId } : {}), page: 1, limit }, signal), [rest, sessionId, limit]);
  useSocketEvent('message-star', () => res.reload());
  const hits = res.data?.data ?? [];
  const more = hits.length === limit && limit < MOST;
  const { error, loading } = res;

  if (error && hits.length === 0) return <ErrorBox error={error} onRetry={res.reload} />;
  if (loading && hits.length === 0) return <Loading />;
  return (
    <div className="search-results">
      <p className="search-hint faint">{t('star.allHint')}</p>
      {hits.length === 0 ? (
        <EmptyState icon="star" title={t('star.all')}>
          {t('star.allEmpty')}
        </EmptyState>
      ) : (
        <ul className="search-hits" aria-label={t('star.all')}>
          {hits.map((hit) => (
            <MessageHitRow
              key={`${hit.message.sessionId}/${hit.message.id}`}
              hit={hit}
              showSession={showSession}
              onOpen={onOpen}
              meta={hit.message.starred && <span className="faint">{t('star.byAt', { name: hit.message.starred.name ?? '—', when: fmt.dateTime(hit.message.starred.at) })}</span>}
            >
              {hitText(hit, t)}
            </MessageHitRow>
          ))}
        </ul>
      )}
      {error ? (
        <ErrorBox error={error} onRetry={res.reload} />
      ) : more ? (
        <Button size="sm" className="search-more" disabled={loading} onClick={() => setPages((n) => n + 1)}>
          {t('search.more')}
        </Button>
      ) : null}
    </div>
  );
}
