/**
 * Audit entries as a table: time, who, what (in words), on what, from where; each row opens to
 * show its details (pretty-printed JSON; the gateway never stores secrets or message text).
 */
import type { AuditEntryView } from '@switchboard/shared';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { auditActionLabel, auditTargetLabel } from './auditActions.ts';

const COLUMNS = 6;

/** Who did it: name and email when the API knows them, else the id. */
function Actor({ e, names }: { e: AuditEntryView; names: ReadonlyMap<string, string> }) {
  const { t } = useI18n();
  if (!e.userId) return <span className="muted">{t('audit.noUser')}</span>;
  const name = e.userName ?? names.get(e.userId);
  if (!name) return <span className="mono" title={t('audit.deletedUser')}>{e.userId}</span>;
  return (
    <div>
      <span className="cell-title">{name}</span>
      {e.userEmail && <div className="cell-sub">{e.userEmail}</div>}
    </div>
  );
}

/** On what: the type in words and the id (sessions link to their page; users show their name). */
function Target({ e, names }: { e: AuditEntryView; names: ReadonlyMap<string, string> }) {
  const { t } = useI18n();
  if (!e.targetType && !e.targetId) return <span className="muted">{t('state.none')}</span>;
  const id = e.targetId ?? '';
  const label = e.targetType === 'User' ? names.get(id) : undefined;
  return (
    <div>
      <span>{e.targetType ? auditTargetLabel(t, e.targetType) : t('state.none')}</span>
      {id && (
        <div className="cell-sub">
          {e.targetType === 'Session' ? (
            <Link to={`/sessions/${encodeURIComponent(id)}`} className="mono">
              {id}
            </Link>
          ) : (
            <span className={label ? undefined : 'mono'}>{label ?? id}</span>
          )}
        </div>
      )}
    </div>
  );
}

/** The expanded part of a row. */
function Details({ e }: { e: AuditEntryView }) {
  const { t, fmt } = useI18n();
  const hasDetails = e.details !== null && e.details !== undefined && !(typeof e.details === 'object' && Object.keys(e.details as object).length === 0);
  return (
    <div className="audit-details">
      <dl className="kv">
        <dt>{t('audit.detail.time')}</dt>
        <dd>
          {fmt.date(e.at)} {fmt.time(e.at)} <span className="muted mono">({e.at})</span>
        </dd>
        <dt>{t('audit.detail.code')}</dt>
        <dd className="mono">{e.action}</dd>
        <dt>{t('audit.detail.agent')}</dt>
        <dd className="mono">{e.userAgent || t('state.none')}</dd>
        <dt>{t('audit.detail.entry')}</dt>
        <dd className="mono">{e.id}</dd>
      </dl>
      {hasDetails ? (
        <pre className="audit-json" tabIndex={0} aria-label={t('audit.detail.json')}>
          {JSON.stringify(e.details, null, 2)}
        </pre>
      ) : (
        <p className="muted">{t('audit.detail.none')}</p>
      )}
    </div>
  );
}

/** The entries table with expandable rows. */
export function AuditTable({ entries, names, caption }: { entries: AuditEntryView[]; names: ReadonlyMap<string, string>; caption: string }) {
  const { t, fmt } = useI18n();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="table-wrap">
      <table className="table audit-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.col.time')}</th>
            <th scope="col">{t('audit.col.user')}</th>
            <th scope="col">{t('audit.col.action')}</th>
            <th scope="col">{t('audit.col.target')}</th>
            <th scope="col">{t('audit.col.ip')}</th>
            <th scope="col">
              <span className="sr-only">{t('audit.col.details')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const expanded = open.has(e.id);
            const detailsId = `audit-${e.id}`;
            return (
              <Fragment key={e.id}>
                <tr className={expanded ? 'row-expanded' : undefined}>
                  <td className="nowrap">
                    <time dateTime={e.at}>
                      {fmt.date(e.at)} <span className="muted">{fmt.time(e.at)}</span>
                    </time>
                  </td>
                  <td>
                    <Actor e={e} names={names} />
                  </td>
                  <td>{auditActionLabel(t, e.action)}</td>
                  <td>
                    <Target e={e} names={names} />
                  </td>
                  <td className="mono nowrap">{e.ip ?? t('state.none')}</td>
                  <td className="actions">
                    <button type="button" className="btn btn-ghost btn-sm" aria-expanded={expanded} aria-controls={expanded ? detailsId : undefined} onClick={() => toggle(e.id)}>
                      <Icon name={expanded ? 'chevronDown' : 'chevronRight'} size={14} />
                      <span>{expanded ? t('audit.hideDetails') : t('audit.showDetails')}</span>
                      <span className="sr-only">
                        : {auditActionLabel(t, e.action)}, {fmt.date(e.at)} {fmt.time(e.at)}
                      </span>
                    </button>
                  </td>
                </tr>
                {expanded && (
                  <tr id={detailsId} className="audit-details-row">
                    <td colSpan={COLUMNS}>
                      <Details e={e} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
