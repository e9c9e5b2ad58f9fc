/**
 * The permissions matrix: one row per subject, one column per action, a checkbox in each cell
 * (labelled "<action> <subject>"), and an "only assigned chats" option on the rows the gateway
 * can narrow. Cells granted through "manage" or the "all" row show as checked and locked.
 * Read-only roles show the same table with icons and words instead of checkboxes.
 */
import { PERMISSION_ACTIONS, PERMISSION_SUBJECTS, type PermissionAction, type PermissionSubject } from '@switchboard/shared';
import { useI18n } from '../../i18n/index.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { ASSIGNABLE_SUBJECTS, impliedBy, toggleGrant, type PermissionModel } from './permissionModel.ts';

/** Props of PermissionMatrix. */
export interface PermissionMatrixProps {
  model: PermissionModel;
  onChange(m: PermissionModel): void;
  readOnly?: boolean;
}

/** A read-only cell: a tick or a dash, with words for screen readers. */
function Mark({ on, title }: { on: boolean; title?: string | undefined }) {
  const { t } = useI18n();
  return on ? (
    <span className="perm-yes" title={title}>
      <Icon name="check" size={16} label={title ?? t('roles.matrix.allowed')} />
    </span>
  ) : (
    <span className="perm-no">
      <span aria-hidden="true">—</span>
      <span className="sr-only">{t('roles.matrix.notAllowed')}</span>
    </span>
  );
}

/** The matrix of actions × subjects. */
export function PermissionMatrix({ model, onChange, readOnly }: PermissionMatrixProps) {
  const { t } = useI18n();
  const actionLabel = (a: PermissionAction) => t(`roles.act.${a}`);
  const subjectLabel = (s: PermissionSubject) => t(`roles.subj.${s}`);

  const cell = (s: PermissionSubject, a: PermissionAction) => {
    const explicit = !!model.grants[s]?.includes(a);
    const implied = impliedBy(model, s, a);
    const why = implied ? t(`roles.matrix.implied.${implied}`) : undefined;
    if (readOnly) return <Mark on={explicit || !!implied} title={why} />;
    return (
      <input
        type="checkbox"
        aria-label={t('roles.matrix.cell', { action: actionLabel(a), subject: subjectLabel(s) })}
        title={why}
        checked={explicit || !!implied}
        disabled={!!implied}
        onChange={(e) => onChange(toggleGrant(model, s, a, e.target.checked))}
      />
    );
  };

  const assignedCell = (s: PermissionSubject) => {
    if (!ASSIGNABLE_SUBJECTS.includes(s)) {
      return (
        <span className="perm-na">
          <span aria-hidden="true">·</span>
          <span className="sr-only">{t('roles.matrix.notApplicable')}</span>
        </span>
      );
    }
    const on = !!model.assignedOnly[s];
    if (readOnly) return <Mark on={on} title={on ? t('roles.matrix.assignedOnly') : undefined} />;
    return (
      <input
        type="checkbox"
        aria-label={t('roles.matrix.assignedCell', { subject: subjectLabel(s) })}
        checked={on}
        onChange={(e) => onChange({ ...model, assignedOnly: { ...model.assignedOnly, [s]: e.target.checked } })}
      />
    );
  };

  return (
    <div className="table-wrap perm-wrap">
      <table className="table perm-matrix">
        <caption className="sr-only">{readOnly ? t('roles.matrix.captionReadOnly') : t('roles.matrix.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('roles.matrix.subject')}</th>
            {PERMISSION_ACTIONS.map((a) => (
              <th key={a} scope="col" className="perm-col" title={t(`roles.actHint.${a}`)}>
                {actionLabel(a)}
              </th>
            ))}
            <th scope="col" className="perm-col perm-assigned" title={t('roles.matrix.assignedHint')}>
              {t('roles.matrix.assignedOnly')}
            </th>
          </tr>
        </thead>
        <tbody>
          {PERMISSION_SUBJECTS.map((s) => (
            <tr key={s} className={model.grants[s]?.length ? 'perm-row-on' : undefined}>
              <th scope="row" className="perm-subject">
                <span className="perm-subject-name">{subjectLabel(s)}</span>
                <span className="cell-sub">{t(`roles.subjHint.${s}`)}</span>
              </th>
              {PERMISSION_ACTIONS.map((a) => (
                <td key={a} className="perm-col">
                  {cell(s, a)}
                </td>
              ))}
              <td className="perm-col perm-assigned">{assignedCell(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What each action means, under the matrix. */
export function ActionLegend() {
  const { t } = useI18n();
  return (
    <details className="perm-legend">
      <summary>{t('roles.legend.title')}</summary>
      <dl>
        {PERMISSION_ACTIONS.map((a) => (
          <div key={a}>
            <dt>{t(`roles.act.${a}`)}</dt>
            <dd>{t(`roles.actHint.${a}`)}</dd>
          </div>
        ))}
        <div>
          <dt>{t('roles.matrix.assignedOnly')}</dt>
          <dd>{t('roles.matrix.assignedHint')}</dd>
        </div>
      </dl>
    </details>
  );
}
