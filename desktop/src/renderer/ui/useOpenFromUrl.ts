/**
 * Acts on what a link asked for (`/sessions?new=1` from the command palette, `/inbox?assignee=…`
 * from the team board) once the screen is ready for it, then drops the parameter so a reload or
 * Back does not do it again.
 */
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Calls `take(value, params)` when `?<param>=value` is in the URL and `ready` holds; `param`
 * and the `companions` read with it are dropped from the URL.
 */
export function useTakeFromUrl(param: string, ready: boolean, take: (value: string, params: URLSearchParams) => void, companions: readonly string[] = []): void {
  const [params, setParams] = useSearchParams();
  const value = params.get(param);
  useEffect(() => {
    if (value === null || !ready) return;
    take(value, params);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const p of [param, ...companions]) next.delete(p);
        return next;
      },
      { replace: true },
    );
    // once per request in the URL
  }, [value, ready]);
}

/** Calls `open` when `?<param>=1` is in the URL and `ready` holds. */
export function useOpenFromUrl(param: string, ready: boolean, open: () => void): void {
  useTakeFromUrl(param, ready, (value) => {
    if (value === '1') open();
  });
}
