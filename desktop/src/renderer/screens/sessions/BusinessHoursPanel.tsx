/**
 * *Horario de atención* on the session screen: whether the away reply is on, whether the
 * business is open now and until / from when, the week in a line and the message; *Configurar*
 * (for those who may change the session) opens BusinessHoursDialog.
 * from: GET /api/sessions/:id/business-hours.
 */
import type { BusinessHoursView } from '@switchboard/shared';
import { useState } from 'react';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useNow, useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorBox, Loading } from '../../ui/Feedback.tsx';
import { Panel } from '../../ui/Page.tsx';
import { Badge } from '../../ui/StatusBadge.tsx';
import { BusinessHoursDialog } from './BusinessHoursDialog.tsx';
import { openState, weekdayNames, weekSummary } from './businessHoursModel.ts';
import { sessionsApi } from './sessionsApi.ts';

/** The panel. */
export function BusinessHoursPanel({ sessionId, sessionName, canUpdate }: { sessionId: string; sessionName: string; canUpdate: boolean }) {
  const { t, locale } = useI18n();
  const api = sessionsApi(useApi());
  const now = useNow(60_000);
  const hours = useResource((signal) => api.businessHours(sessionId, signal), [sessionId]);
  const [editing, setEditing] = useState<BusinessHoursView | null>(null);
  const h = hours.data;
  const days = weekdayNames(locale);
  const longDays = weekdayNames(locale, 'long');
  const state = h?.week && h.timeZone ? openState(h.week, h.timeZone, now) : null;
  const when = (next: NonNullable<NonNullable<typeof state>['next']>) =>
    next.inDays === 0 ? t('hours.today', { time: next.time }) : next.inDays === 1 ? t('hours.tomorrow', { time: next.time }) : t('hours.onDay', { day: longDays[next.weekday]!, time: next.time });

  return (
    <Panel
      title={t('hours.title')}
      id="business-hours"
      actions={
        canUpdate && h ? (
          <Button size="sm" icon="clock" onClick={() => setEditing(h)}>
            {t('hours.configure')}
          </Button>
        ) : undefined
      }
    >
      {hours.error && !h ? (
        <ErrorBox error={hours.error} onRetry={hours.reload} />
      ) : !h ? (
        <Loading />
      ) : !h.week || !h.timeZone ? (
        !h.greetingEnabled && !h.rejectCalls && <p className="muted">{t('hours.notSet')}</p>
      ) : (
        <div className="hours-summary">
          <p>
            <Badge tone={h.enabled ? 'ok' : 'neutral'}>{t(h.enabled ? 'hours.on' : 'hours.off')}</Badge>{' '}
            {state && <strong>{state.open ? t('hours.openNow', { time: state.until! }) : state.next ? t('hours.closedNow', { when: when(state.next) }) : t('hours.closedNowNever')}</strong>}
          </p>
          <p>
            {weekSummary(h.week, { days, and: t('hours.and'), closed: t('hours.closed') })} <span className="faint">({h.timeZone})</span>
          </p>
          {h.awayMessage && <blockquote className="hours-message">{h.awayMessage}</blockquote>}
        </div>
      )}
      {h?.greetingEnabled && (
        <div className="hours-summary hours-greeting">
          <p>
            <Badge tone="ok">{t('hours.greetingOn')}</Badge>
          </p>
          <blockquote className="hours-message">{h.greetingMessage}</blockquote>
        </div>
      )}
      {h?.rejectCalls && (
        <div className="hours-summary hours-calls">
          <p>
            <Badge tone="ok">{t('hours.rejectCallsOn')}</Badge>
          </p>
          {h.callMessage && <blockquote className="hours-message">{h.callMessage}</blockquote>}
        </div>
      )}
      <BusinessHoursDialog
        hours={editing}
        sessionName={sessionName}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          hours.mutate(() => saved);
        }}
      />
    </Panel>
  );
}
