/**
 * The webhooks that receive a session's events (its own and the global ones), on the session
 * screen: whether their events arrive, and a way to the Integrations screen to manage them.
 * Shown only to users who may read webhooks.
 */
import { Link } from 'react-router';
import { useAbility, useApi } from '../../auth/AuthProvider.tsx';
import { useNow, useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorBox } from '../../ui/Feedback.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { Panel } from '../../ui/Page.tsx';
import { Badge } from '../../ui/StatusBadge.tsx';
import { integrationsApi } from '../integrations/integrationsApi.ts';
import { DeliveryHealth } from '../integrations/WebhooksPanel.tsx';

/** Webhooks panel of the session detail screen. */
export function SessionWebhooks({ sessionId }: { sessionId: string }) {
  const ability = useAbility();
  return ability.can('read', 'Webhook') ? <WebhookList sessionId={sessionId} /> : null;
}

function WebhookList({ sessionId }: { sessionId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = integrationsApi(useApi());
  const now = useNow(30_000);
  const list = useResource((signal) => api.webhooks({ sessionId, limit: 200 }, signal), [sessionId]);
  const manage = (
    <Link to="/integrations" className="link-button">
      {t('detail.webhooksManage')} <Icon name="chevronRight" size={14} />
    </Link>
  );
  return (
    <Panel title={t('detail.webhooks')} id="session-webhooks" actions={manage}>
      {list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : list.data && list.data.data.length === 0 ? (
        <p className="muted">{t('detail.webhooksNone')}</p>
      ) : (
        <ul className="plain-list session-webhooks" data-testid="session-webhooks">
          {(list.data?.data ?? []).map((w) => (
            <li key={w.id}>
              <div>
                <span className="cell-title">{w.name}</span>{' '}
                {w.sessionId === null && <Badge tone="neutral">{t('detail.webhookGlobal')}</Badge>}{' '}
                {!w.active && <Badge tone="warn">{t('wh.state.paused')}</Badge>}
                <div className="cell-sub mono url-cell" title={w.url}>
                  {w.url}
                </div>
              </div>
              <DeliveryHealth w={w} now={now} t={t} fmt={i18n.fmt} tn={i18n.tn} />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
