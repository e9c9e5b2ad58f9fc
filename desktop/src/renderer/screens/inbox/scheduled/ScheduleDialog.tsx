/**
 * *Programar envío*: the reply in the box, and when to send it — in an hour, tomorrow or next
 * Monday at 9:00, or any date and time.
 */
import { useI18n } from '../../../i18n/index.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { WhenPicker } from '../thread/WhenPicker.tsx';

/** Props of ScheduleDialog. */
export interface ScheduleDialogProps {
  open: boolean;
  /** The chat's name. */
  title: string;
  /** The reply to schedule. */
  text: string;
  onClose(): void;
  /** Schedules it (rejecting keeps the dialog open: the caller reports why). */
  onSchedule(at: number): Promise<void>;
}

/** The dialog. */
export function ScheduleDialog({ open, title, text, onClose, onSchedule }: ScheduleDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog open={open} onClose={onClose} title={t('scheduled.title', { name: title })} description={t('scheduled.description')} size="sm">
      {open && (
        <>
          <figure className="scheduled-preview">
            <figcaption className="faint">{t('scheduled.message')}</figcaption>
            <blockquote>{text}</blockquote>
          </figure>
          <WhenPicker action={t('scheduled.action')} icon="calendar" onPick={onSchedule} />
        </>
      )}
    </Dialog>
  );
}
