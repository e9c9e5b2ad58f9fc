/** Lines under the thread's header that say something about the whole chat, with what to do about it. */
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Icon } from '../../../ui/Icon.tsx';

/** The chat is snoozed until `until`; `onWake` (for those who may answer) brings it back now. */
export function SnoozedBanner({ until, onWake }: { until: number; onWake?: (() => void) | undefined }) {
  const { t, fmt } = useI18n();
  return (
    <p className="snoozed-banner" role="status">
      <Icon name="clock" size={14} />
      <span>{t('snooze.banner', { when: fmt.dateTime(until) })}</span>
      {onWake && <Button size="sm" onClick={onWake}>{t('snooze.wake')}</Button>}
    </p>
  );
}

/** People asked to join the group by link and wait for an admin: *Revisar* opens the group's details. */
export function JoinRequestsBanner({ count, onReview }: { count: number; onReview(): void }) {
  const { tn, t } = useI18n();
  return (
    <p className="thread-banner" role="status">
      <Icon name="users" size={14} />
      <span>{tn('groupRequests.waiting', count)}</span>
      <Button size="sm" onClick={onReview}>
        {t('groupRequests.review')}
      </Button>
    </p>
  );
}
