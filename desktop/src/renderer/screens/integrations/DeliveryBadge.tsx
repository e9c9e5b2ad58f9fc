/** A webhook delivery's state in words, an icon and a colour (never colour alone). */
import type { WebhookDeliveryView } from '@switchboard/shared';
import { useI18n } from '../../i18n/index.tsx';
import { Icon, type IconName } from '../../ui/Icon.tsx';
import type { Tone } from '../../ui/StatusBadge.tsx';

const LOOK: Record<WebhookDeliveryView['status'], { tone: Tone; icon: IconName }> = {
  delivered: { tone: 'ok', icon: 'check' },
  pending: { tone: 'warn', icon: 'refresh' },
  failed: { tone: 'bad', icon: 'alert' },
};

/** The badge of a delivery state. */
export function DeliveryBadge({ status }: { status: WebhookDeliveryView['status'] }) {
  const { t } = useI18n();
  const { tone, icon } = LOOK[status];
  return (
    <span className={`badge badge-${tone}`}>
      <Icon name={icon} size={12} />
      {t(`wh.status.${status}`)}
    </span>
  );
}
