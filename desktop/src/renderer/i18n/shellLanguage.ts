/**
 * Tells the desktop shell the console's language: it starts its next run in it, so the date and
 * time fields Chromium draws match (`dd/mm/aaaa`, 17:00 in Spanish; main's appLanguage.ts). In a
 * browser, or a desktop shell older than the page, nothing happens.
 */
import type { DesktopLanguage } from '../../common/ipcContract.ts';
import { desktopBridge } from '../platform/platform.ts';

export function tellShellLanguage(language: DesktopLanguage, shell: { setLanguage?(language: DesktopLanguage): void } | undefined = desktopBridge()): void {
  if (typeof shell?.setLanguage === 'function') shell.setLanguage(language);
}
