/** Delivery state of an outgoing message: clock (queued/pending), ✓ sent, ✓✓ delivered, blue ✓✓ read, ! failed. */
import type { MessageStatus } from '@switchboard/shared';
import { useI18n } from '../../../i18n/index.tsx';
import { Icon } from '../../../ui/Icon.tsx';

/** What a status looks like. */
export type TickState = MessageStatus | 'queued' | 'sending';

/** The tick icon with its meaning as accessible text. */
export function StatusTicks({ status }: { status: TickState }) {
  const { t } = useI18n();
  const label = t(`msg.${status}`);
  const icon = status === 'queued' || status === 'sending' || status === 'pending' ? 'clock' : status === 'sent' ? 'check' : status === 'failed' ? 'alert' : 'checks';
  return (
    <span className={`ticks ticks-${status}`} title={label} data-status={status}>
      <Icon name={icon} size={14} label={label} />
    </span>
  );
}
