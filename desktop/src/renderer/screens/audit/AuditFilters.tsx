/** The audit filters: who, what (an action or a whole area), on what, and a date range. */
import type { UserView } from '@switchboard/shared';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import type { UrlFilters } from '../../ui/useUrlFilters.ts';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, auditActionLabel, auditAreaLabel, auditTargetLabel } from './auditActions.ts';

/** Keys of the filters in the URL. */
export const AUDIT_FILTER_KEYS = ['user', 'action', 'target', 'from', 'to'] as const;

/** The filter bar. `users` is undefined when the user may not list people (the filter is hidden). */
export function AuditFilters({ f, users, rangeError }: { f: UrlFilters; users: readonly UserView[] | undefined; rangeError: string | undefined }) {
  const { t } = useI18n();
  const action = f.get('action');
  const known = Object.values(AUDIT_ACTIONS).flat();
  const any = AUDIT_FILTER_KEYS.some((k) => f.get(k));
  return (
    <div className="toolbar audit-filters" role="search" aria-label={t('audit.filters')}>
      {users && (
        <SelectField label={t('audit.filter.user')} value={f.get('user')} onChange={(e) => f.set('user', e.target.value)}>
          <option value="">{t('audit.filter.anyone')}</option>
          {[...users]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} · {u.email}
              </option>
            ))}
        </SelectField>
      )}
      <SelectField label={t('audit.filter.action')} value={action} onChange={(e) => f.set('action', e.target.value)}>
        <option value="">{t('audit.filter.anyAction')}</option>
        {action && !known.includes(action) && !action.endsWith('*') && <option value={action}>{action}</option>}
        {Object.entries(AUDIT_ACTIONS).map(([area, codes]) => (
          <optgroup key={area} label={auditAreaLabel(t, area)}>
            {codes.length > 1 && <option value={`${area}.*`}>{t('audit.filter.wholeArea', { area: auditAreaLabel(t, area) })}</option>}
            {codes.map((c) => (
              <option key={c} value={c}>
                {auditActionLabel(t, c)}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      <SelectField label={t('audit.filter.target')} value={f.get('target')} onChange={(e) => f.set('target', e.target.value)}>
        <option value="">{t('audit.filter.anyTarget')}</option>
        {AUDIT_TARGET_TYPES.map((type) => (
          <option key={type} value={type}>
            {auditTargetLabel(t, type)}
          </option>
        ))}
      </SelectField>
      <TextField label={t('audit.filter.from')} type="date" className="field-date" value={f.get('from')} max={f.get('to') || undefined} onChange={(e) => f.set('from', e.target.value)} />
      <TextField label={t('audit.filter.to')} type="date" className="field-date" value={f.get('to')} min={f.get('from') || undefined} onChange={(e) => f.set('to', e.target.value)} error={rangeError} />
      <Button variant="ghost" icon="x" disabled={!any} onClick={() => f.clear(AUDIT_FILTER_KEYS)}>
        {t('audit.filter.clear')}
      </Button>
    </div>
  );
}
