/**
 * *Información del mensaje* for one of ours: who sent it (a colleague, the away reply, the
 * phone), when it was written, and when WhatsApp took it and the customer's phone said
 * delivered, read and — a voice note — played, as WhatsApp's own "Info" shows; a step not
 * reached yet says so. In a group, who has read it and who has received it (GroupReceipts).
 * Live: a receipt that comes while it is open fills its line in.
 */
import { TIMED_STATUSES, type InboxMessageView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/index.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import { GroupReceipts } from './GroupReceipts.tsx';
import { failureText, summaryOf } from './MessageBubble.tsx';

/** The dialog (closed when `message` is null); `author` names who sent it. */
export function MessageInfoDialog({ message, author, onClose }: { message: InboxMessageView | null; author: string; onClose(): void }) {
  const { t, fmt } = useI18n();
  const m = message;
  const group = !!m?.chatId.endsWith('@g.us');
  // In a group each member's delivery and read are listed below (the message's own are everyone's).
  const steps = TIMED_STATUSES.filter((s) => (s !== 'played' || m?.kind === 'voice') && (!group || s === 'sent'));
  return (
    <Dialog open={m !== null} onClose={onClose} title={t('info.title')} size="sm">
      {m && (
        <div className="message-info">
          <p className="forward-preview">
            <span>{summaryOf(m, t)}</span>
          </p>
          <dl className="message-info-list">
            <dt>{t('info.by')}</dt>
            <dd>{author}</dd>
            <dt>{t('info.written')}</dt>
            <dd>{fmt.dateTime(m.timestamp)}</dd>
            {steps.map((s) => {
              const at = m.statusTimes?.[s];
              return (
                <div key={s} className={at ? 'reached' : 'pending'}>
                  <dt>{t(`info.${s}`)}</dt>
                  <dd>{at ? fmt.dateTime(at) : t('info.notYet')}</dd>
                </div>
              );
            })}
          </dl>
          {m.status === 'failed' && <Notice kind="danger">{failureText(m.statusReason, t)}</Notice>}
          {group && <GroupReceipts sessionId={m.sessionId} chatId={m.chatId} messageId={m.id} />}
          {group ? <p className="faint">{t('info.group')}</p> : !m.statusTimes?.read && m.statusTimes?.delivered ? <p className="faint">{t('info.readOff')}</p> : null}
        </div>
      )}
    </Dialog>
  );
}
