/**
 * The team board: who is online now (live, from `user-status`), how many chats each person has,
 * how many of those wait for a reply and for how long the longest has waited, so a supervisor
 * sees at a glance who is overloaded, whose customer waits too long, and who can take more. Online people first, then the most customers waiting. For those who
 * read every chat, a name opens that person's chats in the inbox, and the waiting count the ones
 * whose customer waits.
 */
import type { AgentView } from '@switchboard/shared';
import { useEffect, useMemo, useRef } from 'react';
import { Link } from 'react-router';
import { seesEveryChat } from '../../auth/ability.ts';
import { useAbility, useApi } from '../../auth/AuthProvider.tsx';
import { useNow, useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useRealtime, useSocketEvent } from '../../realtime/RealtimeProvider.tsx';
import { Badge } from '../../ui/StatusBadge.tsx';
import { ErrorBox, Loading } from '../../ui/Feedback.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { Panel } from '../../ui/Page.tsx';
import { roleLabel } from '../../ui/roleLabel.ts';
import { DataTable } from '../../ui/Table.tsx';
import { waitLabel } from '../inbox/model/needsReply.ts';

/** Waits between reloads caused by traffic (the counts move with every message). */
const RELOAD_MS = 3000;

/** The team panel (for users who may read users). */
export function TeamPanel() {
  const { t, fmt } = useI18n();
  const api = useApi();
  const { online } = useRealtime();
  const ability = useAbility();
  const seesAll = seesEveryChat(ability);
  const now = useNow(60_000);
  const team = useResource((signal) => api.get<{ data: AgentView[] }>('/api/agents', undefined, { signal }), []);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const reloadSoon = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      team.reload();
    }, RELOAD_MS);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  useSocketEvent('message', reloadSoon);
  useSocketEvent('message-sent', reloadSoon);
  useSocketEvent('access-changed', reloadSoon);

  const rows = useMemo(
    () =>
      [...(team.data?.data ?? [])].sort(
        (a, b) => Number(online.has(b.id)) - Number(online.has(a.id)) || b.waiting - a.waiting || a.name.localeCompare(b.name),
      ),
    [team.data, online],
  );
  const here = rows.filter((a) => online.has(a.id)).length;

  return (
    <Panel title={t('team.title')} id="team" actions={<span className="faint">{t('team.online', { count: fmt.number(here), total: fmt.number(rows.length) })}</span>}>
      {team.error && !team.data ? (
        <ErrorBox error={team.error} onRetry={team.reload} />
      ) : !team.data ? (
        <Loading />
      ) : (
        <DataTable
          caption={t('team.title')}
          rows={rows}
          rowKey={(a) => a.id}
          columns={[
            {
              key: 'name',
              header: t('team.person'),
              cell: (a) => (
                <>
                  {seesAll ? (
                    <Link to={`/inbox?assignee=${encodeURIComponent(a.id)}`} title={t('team.openChats', { name: a.name })}>
                      <strong>{a.name}</strong>
                    </Link>
                  ) : (
                    <strong>{a.name}</strong>
                  )}
                  <div className="cell-sub">{roleLabel(t, a.role)}</div>
                </>
              ),
            },
            {
              key: 'state',
              header: t('team.state'),
              cell: (a) =>
                online.has(a.id) ? (
                  <Badge tone="ok">
                    <Icon name="check" size={12} />
                    {t('team.isOnline')}
                  </Badge>
                ) : (
                  <Badge tone="neutral">{t('team.isOffline')}</Badge>
                ),
            },
            { key: 'assigned', header: t('team.assigned'), className: 'num', cell: (a) => fmt.number(a.assigned) },
            {
              key: 'waiting',
              header: t('team.waiting'),
              className: 'num',
              cell: (a) =>
                a.waiting > 0 ? (
                  seesAll ? (
                    <Link to={`/inbox?assignee=${encodeURIComponent(a.id)}&waiting=1`} aria-label={t('team.openWaiting', { name: a.name, count: fmt.number(a.waiting) })}>
                      <Badge tone="warn">{fmt.number(a.waiting)}</Badge>
                    </Link>
                  ) : (
                    <Badge tone="warn">{fmt.number(a.waiting)}</Badge>
                  )
                ) : (
                  <span className="muted">0</span>
                ),
            },
            {
              key: 'longest',
              header: t('team.longestWait'),
              className: 'num',
              cell: (a) =>
                a.waitingSince !== null ? (
                  <span title={t('inbox.waitingSince', { when: fmt.dateTime(a.waitingSince) })}>{waitLabel(now - a.waitingSince)}</span>
                ) : (
                  <span className="muted">—</span>
                ),
            },
          ]}
        />
      )}
    </Panel>
  );
}
