/**
 * Loads something over REST and keeps loading / error / data, with `reload()` and a `mutate`
 * to apply live updates locally. A newer load cancels the older one, so out-of-order answers
 * never overwrite fresh data.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** The state of a resource. */
export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** Changes the loaded data in place (live events). */
  mutate(fn: (current: T | undefined) => T | undefined): void;
}

/** Loads `load(signal)` whenever `deps` change. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    loadRef.current(ctrl.signal).then(
      (value) => {
        if (ctrl.signal.aborted) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
    // `deps` are the caller's; `tick` forces a reload.
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const mutate = useCallback((fn: (c: T | undefined) => T | undefined) => setData((c) => fn(c)), []);
  return { data, error, loading, reload, mutate };
}

/** A value that settles `ms` after its last change (search boxes). */
export function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Re-renders every `ms` (relative times, countdowns). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
