/**
 * The desktop app speaks the console's language in what Chromium draws itself: the date and time
 * fields (`dd/mm/aaaa` and 17:00 in Spanish, not `mm/dd/yyyy` and 5:00 PM), spelling, and the
 * shell's own words (messages.ts reads `app.getLocale()`, which follows). Chromium takes its
 * language once, from `--lang` before `ready`: the console says its language as it changes
 * (`sb:language`), main keeps it in settings.json, and the next start uses it. Until the console
 * first says, the system's language applies, as before.
 * from: desktopApp.ts (before ready, with the settings it opened) → here; the console →
 * `sb:language` → appReady.ts → settings.
 */
import type { App } from 'electron';
import type { DesktopLanguage } from '../common/ipcContract.ts';
import { validLanguage } from './ipcValidation.ts';
import type { DesktopSettings } from './settingsStore.ts';

/** Chromium's `--lang` for each console language (Spanish dates and a 24-hour clock; English as in the US). */
export const CHROMIUM_LANG: Record<DesktopLanguage, string> = { es: 'es', en: 'en-US' };

/** Starts Chromium in the language the console last said (a value it does not know is ignored); returns it. */
export function applySavedLanguage(app: Pick<App, 'commandLine'>, settings: Readonly<DesktopSettings>): DesktopLanguage | null {
  const language = validLanguage(settings.language);
  if (language) app.commandLine.appendSwitch('lang', CHROMIUM_LANG[language]);
  return language ?? null;
}
