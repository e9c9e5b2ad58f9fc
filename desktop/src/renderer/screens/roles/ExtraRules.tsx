/**
 * The rules beside the matrix: "cannot" rules (exceptions that win over any grant), with a small
 * form to add one, and allow rules the matrix cannot show (kept as they are; removable).
 */
import { PERMISSION_ACTIONS, PERMISSION_SUBJECTS, type Permission, type PermissionAction, type PermissionSubject } from '@switchboard/shared';
import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { Button, IconButton } from '../../ui/Button.tsx';
import { isAssignedCondition, sameRule, type PermissionModel } from './permissionModel.ts';

/** One rule in words: "Editar Usuarios" + its condition or fields. */
function RuleText({ rule }: { rule: Permission }) {
  const { t } = useI18n();
  const cond = rule.conditions && Object.keys(rule.conditions).length ? rule.conditions : null;
  return (
    <span className="rule-text">
      {rule.inverted && <span className="rule-cannot">{t('roles.cannot.prefix')}: </span>}
      <strong>{t('roles.matrix.cell', { action: t(`roles.act.${rule.action}`), subject: t(`roles.subj.${rule.subject}`) })}</strong>
      {cond && (isAssignedCondition(cond) ? <span className="muted"> · {t('roles.matrix.assignedOnly')}</span> : <code className="rule-cond">{t('roles.rules.when', { condition: JSON.stringify(cond) })}</code>)}
      {rule.fields?.length ? <span className="muted"> · {t('roles.rules.fields', { fields: rule.fields.join(', ') })}</span> : null}
    </span>
  );
}

/** A list of rules with remove buttons (none when read-only). */
function RuleList({ rules, readOnly, onRemove }: { rules: Permission[]; readOnly?: boolean | undefined; onRemove(i: number): void }) {
  const { t } = useI18n();
  return (
    <ul className="rule-list">
      {rules.map((r, i) => (
        <li key={`${r.action}-${r.subject}-${i}`}>
          <RuleText rule={r} />
          {!readOnly && <IconButton icon="x" size="sm" label={t('roles.rules.remove', { rule: `${t(`roles.act.${r.action}`)} ${t(`roles.subj.${r.subject}`)}` })} onClick={() => onRemove(i)} />}
        </li>
      ))}
    </ul>
  );
}

/** "Cannot" rules and the rules the matrix cannot show. */
export function ExtraRules({ model, onChange, readOnly }: { model: PermissionModel; onChange(m: PermissionModel): void; readOnly?: boolean | undefined }) {
  const { t } = useI18n();
  const [action, setAction] = useState<PermissionAction>('delete');
  const [subject, setSubject] = useState<PermissionSubject>('Session');
  const add = () => {
    const rule: Permission = { action, subject, inverted: true };
    if (!model.cannot.some((r) => sameRule(r, rule))) onChange({ ...model, cannot: [...model.cannot, rule] });
  };
  return (
    <>
      <section className="rules-section" aria-labelledby="cannot-title">
        <h3 id="cannot-title">{t('roles.cannot.title')}</h3>
        <p className="field-hint">{t('roles.cannot.hint')}</p>
        {model.cannot.length ? (
          <RuleList rules={model.cannot} readOnly={readOnly} onRemove={(i) => onChange({ ...model, cannot: model.cannot.filter((_, j) => j !== i) })} />
        ) : (
          <p className="muted">{t('roles.cannot.none')}</p>
        )}
        {!readOnly && (
          <div className="rule-add">
            <span className="rule-add-label" aria-hidden="true">
              {t('roles.cannot.prefix')}
            </span>
            <select className="input" aria-label={t('roles.cannot.action')} value={action} onChange={(e) => setAction(e.target.value as PermissionAction)}>
              {PERMISSION_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`roles.act.${a}`)}
                </option>
              ))}
            </select>
            <select className="input" aria-label={t('roles.cannot.subject')} value={subject} onChange={(e) => setSubject(e.target.value as PermissionSubject)}>
              {PERMISSION_SUBJECTS.map((s) => (
                <option key={s} value={s}>
                  {t(`roles.subj.${s}`)}
                </option>
              ))}
            </select>
            <Button size="sm" icon="plus" onClick={add}>
              {t('roles.cannot.add')}
            </Button>
          </div>
        )}
      </section>
      {model.other.length > 0 && (
        <section className="rules-section" aria-labelledby="other-title">
          <h3 id="other-title">{t('roles.other.title')}</h3>
          <p className="field-hint">{t('roles.other.hint')}</p>
          <RuleList rules={model.other} readOnly={readOnly} onRemove={(i) => onChange({ ...model, other: model.other.filter((_, j) => j !== i) })} />
        </section>
      )}
    </>
  );
}
