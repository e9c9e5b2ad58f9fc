/** The line under the reply box: which key sends, and a link to use the other (remembered on this device). */
import { useI18n } from '../../../i18n/index.tsx';
import { saveSendKey, type SendKey } from './sendKey.ts';

/** The send-key hint; `onChange` gets the key chosen (already saved). */
export function SendKeyHint({ sendKey, onChange }: { sendKey: SendKey; onChange(next: SendKey): void }) {
  const { t } = useI18n();
  return (
    <p className="composer-hint faint">
      {t(sendKey === 'enter' ? 'composer.hint.enter' : 'composer.hint.ctrlEnter')}
      {' · '}
      <button
        type="button"
        className="link-button"
        onClick={() => {
          const next: SendKey = sendKey === 'enter' ? 'ctrl-enter' : 'enter';
          saveSendKey(next);
          onChange(next);
        }}
      >
        {t(sendKey === 'enter' ? 'composer.hint.useCtrlEnter' : 'composer.hint.useEnter')}
      </button>
    </p>
  );
}
