/**
 * Integrations: webhooks and API keys, one tab each (the tab is kept in the URL). Each tab shows
 * only to people who may read that kind of record; sessions are loaded once for both.
 */
import { useId, type KeyboardEvent } from 'react';
import { useAbility, useApi } from '../../auth/AuthProvider.tsx';
import { useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';
import { sessionsApi } from '../sessions/sessionsApi.ts';
import { ApiKeysPanel } from './ApiKeysPanel.tsx';
import { WebhooksPanel } from './WebhooksPanel.tsx';

type Tab = 'webhooks' | 'api-keys';

/** The integrations screen. */
export function IntegrationsScreen() {
  const { t } = useI18n();
  const ability = useAbility();
  const f = useUrlFilters();
  const ids = useId();
  const tabs: Tab[] = [...(ability.can('read', 'Webhook') ? (['webhooks'] as const) : []), ...(ability.can('read', 'ApiKey') ? (['api-keys'] as const) : [])];
  const asked = f.get('tab') as Tab;
  const tab: Tab = tabs.includes(asked) ? asked : (tabs[0] ?? 'webhooks');
  const api = sessionsApi(useApi());
  const sessions = useResource((signal) => api.list({ limit: 200, sort: 'name' }, signal).then((p) => p.data), []);
  const label: Record<Tab, string> = { webhooks: t('int.tab.webhooks'), 'api-keys': t('int.tab.apiKeys') };
  const move = (e: KeyboardEvent) => {
    const i = tabs.indexOf(tab);
    const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : undefined;
    if (!next) return;
    f.set('tab', next);
    document.getElementById(`${ids}-${next}-tab`)?.focus();
  };
  return (
    <div className="page">
      <PageHeader title={t('int.title')} description={t('int.description')} />
      <div role="tablist" className="tabs" aria-label={t('int.tabs')}>
        {tabs.map((x) => (
          <button key={x} type="button" role="tab" id={`${ids}-${x}-tab`} aria-controls={`${ids}-${x}`} aria-selected={tab === x} tabIndex={tab === x ? 0 : -1} onClick={() => f.set('tab', x)} onKeyDown={move}>
            {label[x]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${ids}-${tab}`} aria-labelledby={`${ids}-${tab}-tab`} className="tab-panel">
        {tab === 'webhooks' ? <WebhooksPanel sessions={sessions.data ?? []} /> : <ApiKeysPanel sessions={sessions.data ?? []} />}
      </div>
      <p className="field-hint int-docs">{t('int.docs')}</p>
    </div>
  );
}
