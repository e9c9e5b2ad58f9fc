import { useCallback, useState } from 'react';
import { useMediaQuery } from '../ui/useMediaQuery.ts';
import { RAIL_BELOW, loadSidebarMode, saveSidebarMode, sidebarMode, type SidebarMode } from './sidebarMode.ts';

/** The sidebar's mode and what switches it (the switch is remembered). */
export function useSidebarMode(): { mode: SidebarMode; toggle(): void } {
  const narrow = useMediaQuery(`(max-width: ${RAIL_BELOW}px)`);
  const [choice, setChoice] = useState(loadSidebarMode);
  const mode = sidebarMode(choice, narrow);
  const toggle = useCallback(() => {
    const next: SidebarMode = mode === 'rail' ? 'full' : 'rail';
    saveSidebarMode(next);
    setChoice(next);
  }, [mode]);
  return { mode, toggle };
}
