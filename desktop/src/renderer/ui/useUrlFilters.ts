/** List filters kept in the URL (shareable, kept on back/forward), with a debounced search box. */
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDebounced } from '../hooks/useResource.ts';

/** The filters of a list screen. */
export interface UrlFilters {
  /** What the search box shows (changes on every key). */
  q: string;
  setQ(v: string): void;
  /** The search the list uses (settles after typing stops). */
  query: string;
  page: number;
  get(key: string): string;
  /** Sets a filter (empty removes it) and goes back to page 1. */
  set(key: string, value: string): void;
  setPage(p: number): void;
  /** Removes these filters (and the search box's text) in one step. */
  clear(keys: readonly string[]): void;
}

/** Reads and writes list filters in the query string. */
export function useUrlFilters(): UrlFilters {
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const query = useDebounced(q.trim(), 250);
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);

  const update = (fn: (next: URLSearchParams) => void) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        fn(next);
        return next;
      },
      { replace: true },
    );

  // A link to the screen with another search (the command palette's) replaces the box's text.
  const urlQ = params.get('q') ?? '';
  useEffect(() => {
    if (urlQ !== query) setQ(urlQ);
    // Only a change of the URL's own search.
  }, [urlQ]);

  useEffect(() => {
    if ((params.get('q') ?? '') === query) return;
    update((next) => {
      if (query) next.set('q', query);
      else next.delete('q');
      next.delete('page');
    });
    // Only a settled search changes the URL.
  }, [query]);

  return {
    q,
    setQ,
    query,
    page,
    get: (key) => params.get(key) ?? '',
    set: (key, value) =>
      update((next) => {
        if (value) next.set(key, value);
        else next.delete(key);
        next.delete('page');
      }),
    setPage: (p) => update((next) => (p > 1 ? next.set('page', String(p)) : next.delete('page'))),
    clear(keys) {
      setQ('');
      update((next) => {
        for (const k of [...keys, 'q', 'page']) next.delete(k);
      });
    },
  };
}
