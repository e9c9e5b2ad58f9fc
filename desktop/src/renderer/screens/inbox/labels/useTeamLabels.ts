/**
 * The team's labels for the inbox (none for users who may not read them): loaded once, and again
 * when asked (a chat shows a label this console has not heard of, or the connection came back).
 */
import type { LabelView } from '@switchboard/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAbility } from '../../../auth/AuthProvider.tsx';
import type { inboxApi } from '../inboxApi.ts';

/** The labels, each by id, and the function that reads them again; `onLoaded` sees every load. */
export function useTeamLabels(
  rest: ReturnType<typeof inboxApi>,
  onLoaded: (labels: LabelView[]) => void,
): { labels: LabelView[]; labelsById: ReadonlyMap<string, LabelView>; reloadLabels(): void } {
  const canReadLabels = useAbility().can('read', 'Label');
  const [labels, setLabels] = useState<LabelView[]>([]);
  const [tick, setTick] = useState(0);
  const reloadLabels = useCallback(() => setTick((n) => n + 1), []);
  const loaded = useRef(onLoaded);
  loaded.current = onLoaded;
  useEffect(() => {
    if (!canReadLabels) return;
    let live = true;
    rest.labels().then(
      (l) => {
        if (!live) return;
        setLabels(l);
        loaded.current(l);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [rest, canReadLabels, tick]);
  const labelsById = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);
  return { labels, labelsById, reloadLabels };
}
