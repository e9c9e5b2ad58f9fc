/**
 * A page of records from REST as a table: the error (with retry) when nothing loaded, a spinner
 * on the first load, and while reloading the previous rows stay in place, dimmed; then the pager.
 */
import type { ListPage } from '@switchboard/shared';
import type { ReactNode } from 'react';
import type { Resource } from '../hooks/useResource.ts';
import { ErrorBox, Loading } from './Feedback.tsx';
import { DataTable, Pager, type Column } from './Table.tsx';

/** Props of PagedTable. */
export interface PagedTableProps<T> {
  list: Resource<ListPage<T>>;
  caption: string;
  columns: Column<T>[];
  rowKey(row: T): string;
  rowClassName?(row: T): string | undefined;
  empty: ReactNode;
  page: number;
  limit: number;
  onPage(page: number): void;
}

/** The table of one page of a list resource. */
export function PagedTable<T>({ list, caption, columns, rowKey, rowClassName, empty, page, limit, onPage }: PagedTableProps<T>) {
  const data = list.data;
  if (list.error && !data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!data) return <Loading />;
  return (
    <div className={list.loading ? 'list-body list-stale' : 'list-body'} aria-busy={list.loading}>
      <DataTable caption={caption} columns={columns} rows={data.data} rowKey={rowKey} {...(rowClassName ? { rowClassName } : {})} empty={empty} />
      <Pager page={page} limit={limit} total={data.total} onPage={onPage} />
    </div>
  );
}
