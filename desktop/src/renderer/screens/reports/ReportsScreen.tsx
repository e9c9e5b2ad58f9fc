/**
 * *Informes*: how the team answers over a period — messages each way, conversations, how long
 * customers wait for a reply (median and 90th percentile), the waits left unanswered, per day,
 * per person and per WhatsApp account — with a CSV of the tables. The period and the account
 * live in the URL (a link shares the same report); days are the device's.
 * from: GET /api/reports.
 */
import type { ReportPersonView, ReportSessionView, ReportView, ResponseTimeView } from '@switchboard/shared';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { seesEveryChat } from '../../auth/ability.ts';
import { useAbility, useApi } from '../../auth/AuthProvider.tsx';
import { useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useRealtime } from '../../realtime/RealtimeProvider.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState, ErrorBox, Loading } from '../../ui/Feedback.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { Icon, type IconName } from '../../ui/Icon.tsx';
import { PageHeader, Panel } from '../../ui/Page.tsx';
import { saveFile } from '../../ui/saveFile.ts';
import { DataTable } from '../../ui/Table.tsx';
import { MessageBars } from './MessageBars.tsx';
import { reportCsv } from './reportCsv.ts';
import { PERIODS, daysOf, localDay, periodRange, shortDuration, type PeriodKey } from './reportPeriod.ts';

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The screen. */
export function ReportsScreen() {
  const { t, locale } = useI18n();
  const api = useApi();
  const { sessions } = useRealtime();
  const [params, setParams] = useSearchParams();
  const period = (PERIODS as readonly string[]).includes(params.get('period') ?? '') ? (params.get('period') as PeriodKey) : '7d';
  const custom = { from: params.get('from') ?? localDay(Date.now() - 6 * 86_400_000), to: params.get('to') ?? localDay(Date.now()) };
  const sessionId = params.get('session') ?? '';
  const range = periodRange(period, new Date(), custom);
  const rangeKey = range ? `${range.from}-${range.to}` : 'none';
  const report = useResource(
    (signal) => (range ? api.get<ReportView>('/api/reports', { from: range.from, to: range.to, tz: TIME_ZONE, ...(sessionId ? { sessionId } : {}) }, { signal }) : Promise.resolve(undefined)),
    [rangeKey, sessionId],
  );
  const set = (changes: Record<string, string>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  const r = report.data;
  const download = () => {
    if (!r) return;
    const text = reportCsv(
      r,
      {
        person: t('reports.person'), session: t('reports.session'), replies: t('reports.replies'), chats: t('reports.chats'), answered: t('reports.answered'),
        received: t('reports.received'), sent: t('reports.sent'), unanswered: t('reports.unanswered'), median: t('reports.csvMedian'), p90: t('reports.csvP90'),
        nobody: t('reports.nobody'), unknown: t('reports.unknownPerson'),
      },
      locale,
    );
    saveFile(new Blob([text], { type: 'text/csv;charset=utf-8' }), `${t('reports.fileName')}-${localDay(r.from)}-${localDay(r.to - 1)}.csv`);
  };

  return (
    <div className="page">
      <PageHeader
        title={t('reports.title')}
        description={t('reports.description')}
        actions={
          <Button icon="download" disabled={!r} onClick={download}>
            {t('reports.download')}
          </Button>
        }
      />
      <div className="toolbar" role="search" aria-label={t('reports.filters')}>
        <SelectField label={t('reports.period')} value={period} onChange={(e) => set({ period: e.target.value })}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`reports.period.${p}`)}
            </option>
          ))}
        </SelectField>
        {period === 'custom' && (
          <>
            <TextField label={t('reports.from')} type="date" className="field-date" value={custom.from} max={custom.to} onChange={(e) => set({ from: e.target.value })} />
            <TextField label={t('reports.to')} type="date" className="field-date" value={custom.to} min={custom.from} onChange={(e) => set({ to: e.target.value })} error={range ? undefined : t('reports.badRange')} />
          </>
        )}
        <SelectField label={t('reports.session')} value={sessionId} onChange={(e) => set({ session: e.target.value })}>
          <option value="">{t('reports.allSessions')}</option>
          {sessions.map((s) => (
            <option key={s.sessionId} value={s.sessionId}>
              {s.name}
            </option>
          ))}
        </SelectField>
      </div>
      {!range ? null : report.error && !r ? (
        <ErrorBox error={report.error} onRetry={report.reload} />
      ) : !r ? (
        <Loading />
      ) : (
        <ReportBody report={r} days={daysOf(range)} />
      )}
    </div>
  );
}

/** One figure at the top. */
function Figure({ icon, label, value, help, id }: { icon: IconName; label: string; value: string; help?: string; id: string }) {
  return (
    <div className="stat" data-figure={id}>
      <span className="stat-label">
        <Icon name={icon} size={14} /> {label}
      </span>
      <span className="stat-value">{value}</span>
      {help && <span className="faint">{help}</span>}
    </div>
  );
}

/** The figures, the chart and the tables of a loaded report. */
function ReportBody({ report: r, days }: { report: ReportView; days: string[] }) {
  const { t, fmt } = useI18n();
  const ability = useAbility();
  const seesAll = seesEveryChat(ability);
  const time = (rt: ResponseTimeView, k: 'median' | 'p90') => (rt ? shortDuration(rt[k]) : '—');
  const tot = r.totals;
  const personName = (p: ReportPersonView) => (p.userId === null ? t('reports.nobody') : (p.name ?? t('reports.unknownPerson')));
  const people = useMemo(() => r.people.filter((p) => p.replies + p.answered > 0), [r.people]);

  if (tot.received + tot.sent === 0) {
    return (
      <EmptyState icon="chart" title={t('reports.empty')}>
        {t('reports.emptyHint')}
      </EmptyState>
    );
  }
  return (
    <>
      <section aria-label={t('reports.title')}>
        <div className="stat-grid">
          <Figure id="received" icon="message" label={t('reports.received')} value={fmt.number(tot.received)} />
          <Figure id="sent" icon="send" label={t('reports.sent')} value={fmt.number(tot.sent)} />
          <Figure id="chats" icon="inbox" label={t('reports.chats')} value={fmt.number(tot.chats)} help={t('reports.chatsHelp')} />
          <Figure
            id="response"
            icon="clock"
            label={t('reports.responseTime')}
            value={tot.responseTime ? shortDuration(tot.responseTime.median) : '—'}
            help={tot.responseTime ? t('reports.responseTimeHelp', { p90: shortDuration(tot.responseTime.p90) }) : t('reports.noResponses')}
          />
          <Figure
            id="answered"
            icon="checks"
            label={t('reports.answered')}
            value={t('reports.answeredOf', { answered: fmt.number(tot.answered), waits: fmt.number(tot.waits) })}
            help={t('reports.answeredHelp', { unanswered: fmt.number(tot.unanswered), handled: fmt.number(tot.handled) })}
          />
          <Figure id="waiting" icon="alert" label={t('reports.waitingNow')} value={fmt.number(tot.waitingNow)} help={t('reports.waitingNowHelp')} />
        </div>
      </section>
      <Charts report={r} days={days} />
      <Panel title={t('reports.byPerson')} id="by-person">
        <DataTable<ReportPersonView>
          caption={t('reports.byPerson')}
          rows={people}
          rowKey={(p) => p.userId ?? 'nobody'}
          empty={t('reports.nobodyReplied')}
          columns={[
            {
              key: 'name',
              header: t('reports.person'),
              cell: (p) =>
                seesAll && p.userId && p.name ? (
                  <Link to={`/inbox?assignee=${encodeURIComponent(p.userId)}`} title={t('reports.openChats', { name: p.name })}>
                    <strong>{p.name}</strong>
                  </Link>
                ) : (
                  <strong className={p.userId === null ? 'muted' : undefined}>{personName(p)}</strong>
                ),
            },
            { key: 'replies', header: t('reports.col.replies'), className: 'num', cell: (p) => fmt.number(p.replies) },
            { key: 'chats', header: t('reports.chats'), className: 'num', cell: (p) => fmt.number(p.chats) },
            { key: 'answered', header: t('reports.col.answered'), className: 'num', cell: (p) => fmt.number(p.answered) },
            { key: 'median', header: t('reports.median'), className: 'num', cell: (p) => time(p.responseTime, 'median') },
            { key: 'p90', header: t('reports.p90'), className: 'num', cell: (p) => time(p.responseTime, 'p90') },
          ]}
        />
      </Panel>
      <Panel title={t('reports.bySession')} id="by-session">
        <DataTable<ReportSessionView>
          caption={t('reports.bySession')}
          rows={r.sessions}
          rowKey={(s) => s.sessionId}
          empty={t('reports.empty')}
          columns={[
            { key: 'name', header: t('reports.session'), cell: (s) => <strong>{s.name}</strong> },
            { key: 'received', header: t('reports.col.received'), className: 'num', cell: (s) => fmt.number(s.received) },
            { key: 'sent', header: t('reports.col.sent'), className: 'num', cell: (s) => fmt.number(s.sent) },
            { key: 'chats', header: t('reports.chats'), className: 'num', cell: (s) => fmt.number(s.chats) },
            { key: 'answered', header: t('reports.col.answered'), className: 'num', cell: (s) => t('reports.answeredOf', { answered: fmt.number(s.answered), waits: fmt.number(s.waits) }) },
            { key: 'unanswered', header: t('reports.unanswered'), className: 'num', cell: (s) => fmt.number(s.unanswered) },
            { key: 'median', header: t('reports.median'), className: 'num', cell: (s) => time(s.responseTime, 'median') },
            { key: 'p90', header: t('reports.p90'), className: 'num', cell: (s) => time(s.responseTime, 'p90') },
          ]}
        />
      </Panel>
      <p className="faint reports-note">{t('reports.howCounted', { tz: r.timeZone })}</p>
    </>
  );
}

/** Messages per day (for periods of more than a day) and by hour of the day. */
function Charts({ report: r, days }: { report: ReportView; days: string[] }) {
  const { t, fmt, locale } = useI18n();
  const short = new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', { day: 'numeric', month: 'short' });
  const byDay = new Map(r.days.map((d) => [d.day, d]));
  const dayPoints = days.map((day) => {
    const [y, m, d] = day.split('-').map(Number);
    return { key: day, label: short.format(new Date(y!, m! - 1, d!)), received: byDay.get(day)?.received ?? 0, sent: byDay.get(day)?.sent ?? 0 };
  });
  const hourPoints = r.hours.map((h) => ({ key: String(h.hour), label: `${h.hour}:00`, received: h.received, sent: h.sent }));
  const busiest = (points: typeof hourPoints) => points.reduce((a, b) => (b.received > a.received ? b : a), points[0]!);
  const peakDay = dayPoints.reduce((a, b) => (b.received + b.sent > a.received + a.sent ? b : a), dayPoints[0]!);
  const peakHour = busiest(hourPoints);
  const hours = (
    <Panel title={t('reports.byHour')} id="by-hour">
      <MessageBars id="hours" points={hourPoints} summary={t('reports.byHourSummary', { hour: peakHour.label, count: fmt.number(peakHour.received) })} />
    </Panel>
  );
  if (dayPoints.length < 2) return hours;
  return (
    <div className="grid-2">
      <Panel title={t('reports.byDay')} id="by-day">
        <MessageBars
          id="days"
          points={dayPoints}
          summary={t('reports.byDaySummary', { received: fmt.number(r.totals.received), sent: fmt.number(r.totals.sent), days: fmt.number(dayPoints.length), peak: peakDay.label })}
        />
      </Panel>
      {hours}
    </div>
  );
}
