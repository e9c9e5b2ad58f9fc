/** The notification settings popover: on/off, sound, browser permission, muted sessions. */
import type { SessionView } from '@switchboard/shared';
import { useState } from 'react';
import { useAuth } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { CheckboxField } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import type { NotifyPrefs } from './prefs.ts';

/** Dialog with the notification preferences. */
export function NotifySettings({ open, onClose, prefs, onChange, sessions }: { open: boolean; onClose(): void; prefs: NotifyPrefs; onChange(p: NotifyPrefs): void; sessions: SessionView[] }) {
  const { t } = useI18n();
  const { platform } = useAuth();
  const [permission, setPermission] = useState(() => (typeof Notification === 'undefined' ? 'denied' : Notification.permission));
  return (
    <Dialog open={open} onClose={onClose} title={t('notify.title')} size="sm">
      <CheckboxField label={t('notify.enabled')} checked={prefs.enabled} onChange={(e) => onChange({ ...prefs, enabled: e.target.checked })} />
      <CheckboxField label={t('notify.sound')} checked={prefs.sound} onChange={(e) => onChange({ ...prefs, sound: e.target.checked })} />
      {platform.kind === 'browser' && permission === 'default' && (
        <Button icon="bell" onClick={() => void Notification.requestPermission().then(setPermission)}>
          {t('notify.permission')}
        </Button>
      )}
      {platform.kind === 'browser' && permission === 'denied' && <Notice kind="warning">{t('notify.denied')}</Notice>}
      {sessions.length > 0 && (
        <fieldset className="fieldset">
          <legend>{t('notify.muteSessions')}</legend>
          {sessions.map((s) => (
            <CheckboxField
              key={s.sessionId}
              label={s.name}
              checked={prefs.muted.includes(s.sessionId)}
              onChange={(e) => onChange({ ...prefs, muted: e.target.checked ? [...prefs.muted, s.sessionId] : prefs.muted.filter((x) => x !== s.sessionId) })}
            />
          ))}
        </fieldset>
      )}
    </Dialog>
  );
}
