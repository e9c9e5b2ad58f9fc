/**
 * Main's remembered settings, one JSON file in `app.getPath('userData')`: the server URL
 * chosen at first start, the window bounds, the opt-in to weak token storage, and the console's
 * language for the next start (appLanguage.ts: the store is opened before `ready`). Read once
 * at start; every update rewrites the file atomically (writes are serialised, so the last
 * update wins on disk as in memory). A missing or corrupt file reads as empty settings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DesktopLanguage } from '../common/ipcContract.ts';
import { writeFileAtomic } from './atomicFile.ts';

/** Saved window placement. */
export interface SavedBounds {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized?: boolean;
}

/** Everything main remembers between runs. */
export interface DesktopSettings {
  /** Normalised origin of the gateway (`https://host[:port]`). */
  serverUrl?: string;
  windowBounds?: SavedBounds;
  /** Same as SWITCHBOARD_ALLOW_INSECURE_TOKEN_STORAGE=1, for people who cannot set environment variables. */
  allowInsecureTokenStorage?: boolean;
  /** The console's language when it last said (`sb:language`): the next start's `--lang`. */
  language?: DesktopLanguage;
}

/** Where the settings of a profile are. */
export const settingsFile = (userData: string): string => join(userData, 'settings.json');

/** The settings of this run, and their persistence. */
export interface SettingsStore {
  get(): Readonly<DesktopSettings>;
  /** Applies `patch` (an undefined value removes the key) and writes the file. */
  update(patch: Partial<DesktopSettings>): Promise<void>;
}

/** Reads `file`, tolerating absence and corruption (the settings then start empty). */
function readSettings(file: string): DesktopSettings {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as DesktopSettings) : {};
  } catch {
    return {};
  }
}

/** Opens the settings file (`<userData>/settings.json`). */
export function openSettingsStore(file: string): SettingsStore {
  let current = readSettings(file);
  let writing: Promise<void> = Promise.resolve();
  return {
    get: () => current,
    update(patch) {
      const next: DesktopSettings = { ...current, ...patch };
      for (const key of Object.keys(next) as (keyof DesktopSettings)[]) if (next[key] === undefined) delete next[key];
      current = next;
      const data = `${JSON.stringify(next, null, 2)}\n`;
      writing = writing.catch(() => undefined).then(() => writeFileAtomic(file, data));
      return writing;
    },
  };
}
