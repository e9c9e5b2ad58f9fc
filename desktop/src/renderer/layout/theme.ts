/**
 * Light or dark: the user's choice on this device (*Apariencia* in the user menu), or the
 * system's until they choose. The stylesheet's dark colours apply under `<html data-theme="dark">`;
 * `applyTheme` sets it, and follows the system while the choice is `system`; `showTheme` is what
 * the app calls (at start, before signing in, and from the menu).
 */
import { desktopBridge } from '../platform/platform.ts';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

const KEY = 'switchboard.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The choice remembered on this device (`system` when none, or unreadable). */
export function loadTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** Remembers the choice (a full storage is no reason to fail: it lasts until the page reloads). */
export function saveTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    /* not remembered */
  }
}

/** The theme shown: the user's choice, else the system's. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

/** Shows `choice` on the page now, and as the system changes while it is `system`; returns the stop. */
function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): () => void {
  const system = window.matchMedia(DARK_QUERY);
  const show = () => {
    root.dataset.theme = resolveTheme(choice, system.matches);
  };
  show();
  if (choice !== 'system') return () => undefined;
  system.addEventListener('change', show);
  return () => system.removeEventListener('change', show);
}

let shown: () => void = () => undefined;

/**
 * Shows `choice` on the page, replacing what showed the one before (one theme, one system
 * listener); in the desktop app, the window's frame and menus follow it (`setTheme`).
 */
export function showTheme(choice: ThemeChoice, shell: { setTheme?(theme: ThemeChoice): void } | undefined = desktopBridge()): void {
  shown();
  shown = applyTheme(choice);
  shell?.setTheme?.(choice);
}
