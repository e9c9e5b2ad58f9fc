/** Parts of the reply box that need none of its state: its tabs and the message a reply quotes. */
import { useI18n } from '../../../i18n/index.tsx';
import { IconButton } from '../../../ui/Button.tsx';
import type { QuotedMessage } from '../model/drafts.ts';
import { summaryOf } from './MessageBubble.tsx';

/** The reply box's two tabs: *Responder* (to the contact) and *Nota interna* (for the team). */
export function ComposerModes({ noting, onSwitch }: { noting: boolean; onSwitch(mode: 'reply' | 'note'): void }) {
  const { t } = useI18n();
  return (
    <div className="composer-modes" role="group" aria-label={t('composer.mode')}>
      <button type="button" className="composer-mode" aria-pressed={!noting} onClick={() => onSwitch('reply')}>
        {t('composer.mode.reply')}
      </button>
      <button type="button" className="composer-mode" aria-pressed={noting} onClick={() => onSwitch('note')}>
        {t('composer.mode.note')}
      </button>
    </div>
  );
}

/** The message the reply quotes (from a group, for a private reply), with a way to drop the quote. */
export function ComposerQuote({ quoting, onCancel }: { quoting: QuotedMessage; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <div className="composer-quote">
      <div>
        <span className="faint">{quoting.from ? t('composer.replyingPrivately', { group: quoting.from.name ?? t('composer.aGroup') }) : t('composer.replyingTo')}</span>
        <span className="composer-quote-text">{summaryOf(quoting, t)}</span>
      </div>
      <IconButton icon="x" size="sm" label={t('composer.cancelReply')} onClick={onCancel} />
    </div>
  );
}
