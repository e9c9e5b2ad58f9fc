/**
 * Tables of records: semantic `<table>` with a caption for screen readers, sortable column
 * headers (buttons with `aria-sort`), and a pager. Rows are plain; actions live in the last cell.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { Button } from './Button.tsx';
import { Icon } from './Icon.tsx';

/** One column. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  cell(row: T): ReactNode;
  /** Sortable by this key. */
  sortable?: boolean;
  className?: string;
  /** Header text for the sort button's accessible name. */
  label?: string;
}

/** Current sort. */
export interface SortState {
  key: string;
  order: 'asc' | 'desc';
}

/** Props of DataTable. */
export interface DataTableProps<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey(row: T): string;
  sort?: SortState;
  onSort?(s: SortState): void;
  empty?: ReactNode;
  rowClassName?(row: T): string | undefined;
}

/** A data table. */
export function DataTable<T>({ caption, columns, rows, rowKey, sort, onSort, empty, rowClassName }: DataTableProps<T>) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort?.key === c.key;
              const ariaSort = active ? (sort!.order === 'asc' ? 'ascending' : 'descending') : c.sortable ? 'none' : undefined;
              return (
                <th key={c.key} scope="col" className={c.className} aria-sort={ariaSort}>
                  {c.sortable && onSort ? (
                    <button
                      type="button"
                      className="th-sort"
                      aria-label={t('table.sortBy', { column: c.label ?? String(c.header) })}
                      onClick={() => onSort({ key: c.key, order: active && sort!.order === 'asc' ? 'desc' : 'asc' })}
                    >
                      {c.header}
                      <Icon name={active && sort!.order === 'desc' ? 'chevronDown' : 'chevronDown'} size={14} className={active ? (sort!.order === 'asc' ? 'sort-asc' : 'sort-desc') : 'sort-none'} />
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} className={rowClassName?.(r)}>
              {columns.map((c) => (
                <td key={c.key} className={c.className}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && empty}
    </div>
  );
}

/** Previous / next pager with "page x of y". */
export function Pager({ page, limit, total, onPage }: { page: number; limit: number; total: number; onPage(p: number): void }) {
  const { t, fmt } = useI18n();
  const pages = Math.max(1, Math.ceil(total / limit));
  if (total <= limit && page === 1) return <p className="pager-total">{t('table.total', { count: fmt.number(total) })}</p>;
  return (
    <nav className="pager" aria-label={t('table.page', { page, pages })}>
      <span className="pager-total">{t('table.total', { count: fmt.number(total) })}</span>
      <Button size="sm" icon="chevronLeft" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('table.prev')}
      </Button>
      <span aria-current="page">{t('table.page', { page, pages })}</span>
      <Button size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('table.next')}
      </Button>
    </nav>
  );
}
