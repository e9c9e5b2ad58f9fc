/** Picks the person a chat goes to: active users only, grouped by role, the "employee" group first. */
import type { UserView } from '@switchboard/shared';
import { useI18n } from '../../i18n/index.tsx';
import { SelectField } from '../../ui/Field.tsx';

/** Active users grouped by role name; agents (the built-in "employee" role) first, then A–Z. */
export function groupAssignees(users: readonly UserView[]): [string, UserView[]][] {
  const groups = new Map<string, UserView[]>();
  for (const u of users) {
    if (!u.active) continue;
    const key = u.role.name ?? '';
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  for (const list of groups.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  // Ordering only (who is listed first), not a permission check.
  return [...groups].sort(([a], [b]) => Number(b === 'employee') - Number(a === 'employee') || a.localeCompare(b));
}

/** The select of assignees. */
export function AssigneeSelect({ users, value, onChange, exclude, error, autoFocus }: { users: readonly UserView[]; value: string; onChange(id: string): void; exclude?: readonly string[]; error?: string | undefined; autoFocus?: boolean }) {
  const { t } = useI18n();
  const groups = groupAssignees(users.filter((u) => !exclude?.includes(u.id)));
  return (
    <SelectField label={t('assign.field.user')} hint={t('assign.field.userHint')} required autoFocus={autoFocus} value={value} onChange={(e) => onChange(e.target.value)} error={error}>
      <option value="">{t('assign.field.userPick')}</option>
      {groups.map(([role, list]) => (
        <optgroup key={role} label={role || t('assign.noRole')}>
          {list.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} · {u.email}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}
