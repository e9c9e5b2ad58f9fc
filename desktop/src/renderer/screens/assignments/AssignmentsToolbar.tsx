/** The assignments screen's controls: session, search, "unassigned only", and the bulk-assign bar. */
import type { SessionView } from '@switchboard/shared';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { CheckboxField, SelectField } from '../../ui/Field.tsx';
import { Icon } from '../../ui/Icon.tsx';
import type { UrlFilters } from '../../ui/useUrlFilters.ts';

/** Props of AssignmentsToolbar. */
export interface AssignmentsToolbarProps {
  sessions: readonly SessionView[];
  sessionId: string;
  filters: UrlFilters;
  unassigned: boolean;
  onFilter(key: string, value: string): void;
  selected: number;
  canAssign: boolean;
  onBulk(): void;
  onClearSelection(): void;
}

/** Filters and the selection bar (always present, so the table never jumps). */
export function AssignmentsToolbar({ sessions, sessionId, filters: f, unassigned, onFilter, selected, canAssign, onBulk, onClearSelection }: AssignmentsToolbarProps) {
  const { t, tn } = useI18n();
  return (
    <>
      <div className="toolbar" role="search" aria-label={t('assign.filters')}>
        <SelectField label={t('assign.session')} value={sessionId} onChange={(e) => onFilter('session', e.target.value)} disabled={!sessions.length}>
          {sessions.map((s) => (
            <option key={s.sessionId} value={s.sessionId}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <div className="search-input">
          <Icon name="search" />
          <input className="input" type="search" aria-label={t('assign.search')} placeholder={t('assign.search')} value={f.q} onChange={(e) => f.setQ(e.target.value)} />
        </div>
        <CheckboxField label={t('assign.unassignedOnly')} checked={unassigned} onChange={(e) => onFilter('unassigned', e.target.checked ? '1' : '')} />
      </div>
      <div className={`bulk-bar${selected ? ' bulk-bar-active' : ''}`}>
        <span aria-live="polite">{selected ? tn('assign.selected', selected) : t('assign.selectHint')}</span>
        {selected > 0 && (
          <>
            {canAssign && (
              <Button size="sm" variant="primary" icon="users" onClick={onBulk}>
                {t('assign.bulk.open')}
              </Button>
            )}
            <Button size="sm" variant="ghost" icon="x" onClick={onClearSelection}>
              {t('assign.clearSelection')}
            </Button>
          </>
        )}
      </div>
    </>
  );
}
