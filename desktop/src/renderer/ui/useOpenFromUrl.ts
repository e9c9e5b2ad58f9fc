/**
 * Opens something a link asked for (`/sessions?new=1`, from the command palette) once the screen
 * is ready for it, then drops the parameter so a reload or Back does not open it again.
 */
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';

/** Calls `open` when `?<param>=1` is in the URL and `ready` holds. */
export function useOpenFromUrl(param: string, ready: boolean, open: () => void): void {
  const [params, setParams] = useSearchParams();
  const asked = params.get(param) === '1';
  useEffect(() => {
    if (!asked || !ready) return;
    open();
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete(param);
        return next;
      },
      { replace: true },
    );
    // once per request in the URL
  }, [asked, ready]);
}
