/**
 * *Primeros pasos*: on a new installation the dashboard is all zeros. Until the team has a
 * connected WhatsApp account, a colleague and an assigned conversation, the panel says what to
 * do next, each step a link to where it is done and ticked once done (from the dashboard's own
 * figures). Only steps the user may take are listed; it can be hidden for good (per user, on
 * this device), and it goes by itself once every step is done.
 */
import type { DashboardView } from '@switchboard/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAbility, useMe } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { Panel } from '../../ui/Page.tsx';
import { gettingStartedSteps } from './gettingStartedSteps.ts';

const hiddenKey = (userId: string) => `switchboard.gettingStarted.hidden.${userId}`;

/** The panel, or nothing once done, hidden, or with no step the user may take. */
export function GettingStarted({ dash }: { dash: DashboardView }) {
  const { t } = useI18n();
  const ability = useAbility();
  const me = useMe();
  const [hidden, setHidden] = useState(() => globalThis.localStorage?.getItem(hiddenKey(me.id)) === '1');
  const steps = gettingStartedSteps(dash, ability);
  if (hidden || steps.length === 0 || steps.every((s) => s.done)) return null;
  const hide = () => {
    globalThis.localStorage?.setItem(hiddenKey(me.id), '1');
    setHidden(true);
  };
  return (
    <Panel
      title={t('start.title')}
      id="getting-started"
      className="getting-started"
      actions={
        <Button size="sm" variant="ghost" onClick={hide}>
          {t('start.hide')}
        </Button>
      }
    >
      <p className="faint">{t('start.hint')}</p>
      <ol className="start-steps">
        {steps.map((s) => (
          <li key={s.key} className={s.done ? 'done' : undefined}>
            <span className="start-mark" aria-hidden="true">
              {s.done ? <Icon name="check" size={14} /> : null}
            </span>
            <div>
              <strong>{t(`start.${s.key}.title`)}</strong>
              {s.done && <span className="sr-only"> ({t('start.done')})</span>}
              <p className="faint">{t(`start.${s.key}.body`)}</p>
            </div>
            {!s.done && (
              <Link className="btn btn-secondary btn-sm" to={s.to}>
                {t(`start.${s.key}.action`)}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </Panel>
  );
}
