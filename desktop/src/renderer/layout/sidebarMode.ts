/**
 * How wide the sidebar is: 'full' (icons and names) or 'rail' (icons only). Left to the window
 * (a rail below a wide laptop screen) until the user chooses, then remembered on this device.
 */
export type SidebarMode = 'full' | 'rail';

const KEY = 'switchboard.sidebar';

/** The window width (px) up to which the sidebar is a rail when the user has not chosen. */
export const RAIL_BELOW = 1180;

/** The user's choice on this device, or null when none (or unreadable). */
export function loadSidebarMode(): SidebarMode | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'full' || v === 'rail' ? v : null;
  } catch {
    return null;
  }
}

/** Remembers the choice (a full storage is no reason to fail: it lasts until the page reloads). */
export function saveSidebarMode(mode: SidebarMode): void {
  try {
    localStorage.setItem(KEY, mode);
  } catch {
    /* not remembered */
  }
}

/** The mode shown: the user's choice, else the window's default. */
export function sidebarMode(choice: SidebarMode | null, narrowWindow: boolean): SidebarMode {
  return choice ?? (narrowWindow ? 'rail' : 'full');
}
