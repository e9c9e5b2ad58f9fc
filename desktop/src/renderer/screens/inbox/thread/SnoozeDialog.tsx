/**
 * "Posponer": put the conversation aside until a time — in an hour, in three, tomorrow or next
 * Monday at 9:00, or any date and time. It leaves the lists and the needs-reply badge until
 * then, and comes back earlier if the customer writes.
 */
import { useI18n } from '../../../i18n/index.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { WhenPicker } from './WhenPicker.tsx';

/** The dialog; `onSnooze` puts the chat aside (rejecting keeps the dialog open). */
export function SnoozeDialog({ open, title, onClose, onSnooze }: { open: boolean; title: string; onClose(): void; onSnooze(until: number): Promise<void> }) {
  const { t } = useI18n();
  return (
    <Dialog open={open} onClose={onClose} title={t('snooze.title', { name: title })} description={t('snooze.description')} size="sm">
      {open && <WhenPicker action={t('snooze.action')} icon="clock" onPick={onSnooze} />}
    </Dialog>
  );
}
