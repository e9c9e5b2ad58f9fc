/**
 * *Programar envío*: the reply in the box, and when to send it — in an hour, tomorrow or next
 * Monday at 9:00, or any date and time.
 */
import { useI18n } from '../../../i18n/index.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { WhenPicker } from '../thread/WhenPicker.tsx';

/** Props of ScheduleDialog. */
export interface ScheduleDialogProps {
  open: boolean;
  /** The chat's name. */
  title: string;
  /** The reply to schedule. */
  text: string;
  /** The name of the file that goes with it, if any. */
  file?: string | null;
  onClose(): void;
  /** Schedules it (rejecting keeps the dialog open: the caller reports why). */
  onSchedule(at: number): Promise<void>;
}

/** A scheduled reply's file, by name. */
export function ScheduledFile({ name }: { name: string }) {
  const { t } = useI18n();
  return (
    <span className="scheduled-file" title={t('scheduled.file', { name })}>
      <Icon name="file" size={14} /> {name}
    </span>
  );
}

/** The dialog. */
export function ScheduleDialog({ open, title, text, file, onClose, onSchedule }: ScheduleDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog open={open} onClose={onClose} title={t('scheduled.title', { name: title })} description={t('scheduled.description')} size="sm">
      {open && (
        <>
          <figure className="scheduled-preview">
            <figcaption className="faint">{t('scheduled.message')}</figcaption>
            <blockquote>
              {file && <ScheduledFile name={file} />}
              {text}
            </blockquote>
          </figure>
          <WhenPicker action={t('scheduled.action')} icon="calendar" onPick={onSchedule} />
        </>
      )}
    </Dialog>
  );
}
