/** The live-connection marker: live / catching up / offline, and the time the view is synced up to. */
import { useI18n } from '../i18n/index.tsx';
import { useNow } from '../hooks/useResource.ts';
import { Icon } from '../ui/Icon.tsx';
import { useRealtime } from './RealtimeProvider.tsx';

/** Shows the realtime state; polite live region so changes are announced once. */
export function ConnectionMarker({ compact }: { compact?: boolean }) {
  const { t, fmt } = useI18n();
  const { state, syncedAt } = useRealtime();
  useNow(15_000);
  const label = state === 'live' ? t('realtime.live') : state === 'offline' ? t('realtime.offline') : state === 'replaying' ? t('realtime.replaying') : t('realtime.connecting');
  const synced = syncedAt ? t('realtime.syncedAt', { time: fmt.time(syncedAt) }) : t('realtime.neverSynced');
  return (
    <div className={`conn conn-${state}`} role="status" aria-live="polite" data-state={state} title={synced}>
      <Icon name={state === 'offline' ? 'wifiOff' : state === 'live' ? 'activity' : 'refresh'} size={14} />
      <span className="conn-label">{label}</span>
      {!compact && <span className="conn-sync">{synced}</span>}
    </div>
  );
}
