/** The keyboard cheat sheet (`?`). */
import { useAbility } from '../auth/AuthProvider.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { NAV } from './nav.ts';

/** Inbox keys, listed here so there is one cheat sheet. */
const INBOX_KEYS: [string, MessageKey][] = [
  ['J / ↓', 'shortcuts.nextChat'],
  ['K / ↑', 'shortcuts.prevChat'],
  ['Enter', 'shortcuts.openChat'],
  ['X', 'shortcuts.selectChat'],
  ['Alt + J / Alt + K', 'shortcuts.stepChat'],
  ['/', 'shortcuts.search'],
  ['Enter', 'shortcuts.send'],
  ['Shift + Enter', 'shortcuts.newLine'],
  ['Esc', 'shortcuts.closeChat'],
  ['Esc', 'shortcuts.leaveComposer'],
  ['R', 'shortcuts.markRead'],
  ['U', 'shortcuts.markUnread'],
  ['H', 'shortcuts.markHandled'],
  ['P', 'shortcuts.snooze'],
  ['L', 'shortcuts.labels'],
  ['I', 'shortcuts.contact'],
  ['F', 'shortcuts.searchChat'],
  ['N', 'shortcuts.newChat'],
];

/** Lists every shortcut. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const ability = useAbility();
  return (
    <Dialog open={open} onClose={onClose} title={t('shortcuts.title')} size="md">
      <div className="shortcuts">
        <section>
          <h3>{t('shortcuts.general')}</h3>
          <dl>
            <dt>
              <kbd>?</kbd>
            </dt>
            <dd>{t('shortcuts.help')}</dd>
            <div className="shortcut-row">
              <dt>
                <kbd>Ctrl / ⌘ + K</kbd>
              </dt>
              <dd>{t('shortcuts.palette')}</dd>
            </div>
            {NAV.filter((n) => n.visible(ability)).map((n) => (
              <div key={n.to} className="shortcut-row">
                <dt>
                  <kbd>g</kbd> <kbd>{n.key}</kbd>
                </dt>
                <dd>{t('shortcuts.goTo', { place: t(n.label) })}</dd>
              </div>
            ))}
          </dl>
        </section>
        {ability.can('read', 'Chat') && (
          <section>
            <h3>{t('nav.inbox')}</h3>
            <dl>
              {INBOX_KEYS.map(([k, label]) => (
                <div key={label} className="shortcut-row">
                  <dt>
                    <kbd>{k}</kbd>
                  </dt>
                  <dd>{t(label)}</dd>
                </div>
              ))}
            </dl>
          </section>
        )}
      </div>
    </Dialog>
  );
}
