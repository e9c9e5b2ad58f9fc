/**
 * A session's connection history: every drop classified (logged out on the phone, replaced,
 * network, restarts, recycles), when it happened, how long the session was down and how many
 * messages arrived meanwhile. New connection events are prepended live.
 */
import type { TimelineEntry, TimelineKind } from '@switchboard/shared';
import { useState } from 'react';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSocketEvent } from '../../realtime/RealtimeProvider.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState, ErrorBox, Loading } from '../../ui/Feedback.tsx';
import { Icon, type IconName } from '../../ui/Icon.tsx';
import { Panel } from '../../ui/Page.tsx';
import { CauseText } from '../../ui/StatusBadge.tsx';
import { sessionsApi } from './sessionsApi.ts';

const LOOK: Record<TimelineKind, { icon: IconName; tone: string }> = {
  connected: { icon: 'check', tone: 'ok' },
  logged_out: { icon: 'logout', tone: 'bad' },
  replaced: { icon: 'phone', tone: 'bad' },
  network: { icon: 'wifiOff', tone: 'warn' },
  restart_required: { icon: 'refresh', tone: 'info' },
  crash: { icon: 'alert', tone: 'bad' },
  recycle: { icon: 'refresh', tone: 'info' },
  stopped: { icon: 'stop', tone: 'neutral' },
  unlinked: { icon: 'stop', tone: 'neutral' },
  node_stopped: { icon: 'stop', tone: 'neutral' },
  problematic: { icon: 'alert', tone: 'bad' },
  qr: { icon: 'qr', tone: 'info' },
  other: { icon: 'info', tone: 'neutral' },
};

const PAGE = 50;

/** Normalises the timeline answer (a list, or a page envelope). */
function entriesOf(r: TimelineEntry[] | { data: TimelineEntry[] }): TimelineEntry[] {
  return Array.isArray(r) ? r : r.data;
}

/** The timeline panel of one session. */
export function Timeline({ sessionId }: { sessionId: string }) {
  const { t, tn, fmt } = useI18n();
  const api = sessionsApi(useApi());
  const [older, setOlder] = useState<TimelineEntry[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [exhausted, setExhausted] = useState(false);
  const first = useResource((signal) => api.timeline(sessionId, { limit: PAGE }, signal).then(entriesOf), [sessionId]);

  // A connection change: reload the first page (the server classifies and computes gaps).
  useSocketEvent('connection-state', (e) => {
    if (e.sessionId === sessionId) first.reload();
  });

  const entries = [...(first.data ?? []), ...older];
  const loadMore = async () => {
    const last = entries[entries.length - 1];
    if (!last) return;
    setLoadingMore(true);
    try {
      const page = entriesOf(await api.timeline(sessionId, { limit: PAGE, before: last.seq }));
      setOlder((o) => [...o, ...page]);
      if (page.length < PAGE) setExhausted(true);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Panel title={t('timeline.title')} id="timeline">
      <p className="muted">{t('timeline.description')}</p>
      {first.error && !first.data ? (
        <ErrorBox error={first.error} onRetry={first.reload} />
      ) : !first.data ? (
        <Loading />
      ) : entries.length === 0 ? (
        <EmptyState icon="clock" title={t('timeline.empty')} />
      ) : (
        <ol className="timeline" aria-label={t('timeline.title')}>
          {entries.map((e) => {
            const look = LOOK[e.kind] ?? LOOK.other;
            return (
              <li key={e.seq} className={`tl-item tl-${look.tone}`} data-kind={e.kind}>
                <span className="tl-dot" aria-hidden="true">
                  <Icon name={look.icon} size={14} />
                </span>
                <div className="tl-body">
                  <div className="tl-head">
                    <strong>{t(`timeline.kind.${e.kind}`)}</strong>
                    <time dateTime={e.at} title={fmt.dateTime(e.at)}>
                      {fmt.dateTime(e.at)}
                    </time>
                  </div>
                  <div className="tl-detail">
                    {e.cause && e.kind !== 'connected' && t(`cause.${e.cause}`) !== t(`timeline.kind.${e.kind}`) && <CauseText cause={e.cause} />}
                    {e.kind === 'restart_required' && <span>{t('timeline.hint.restart_required')}</span>}
                    {e.statusCode != null && <span className="faint"> · {t('timeline.code', { code: e.statusCode })}</span>}
                    {e.detail && <span className="faint"> · {e.detail}</span>}
                  </div>
                  {e.downMs != null && <div className="tl-gap">{t('timeline.down', { duration: fmt.duration(e.downMs) })}</div>}
                  {e.messagesDuringGap ? <div className="tl-gap">{tn('timeline.gapMessages', e.messagesDuringGap)}</div> : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {first.data && first.data.length >= PAGE && !exhausted && (
        <Button size="sm" busy={loadingMore} onClick={() => void loadMore()}>
          {t('timeline.loadMore')}
        </Button>
      )}
    </Panel>
  );
}
