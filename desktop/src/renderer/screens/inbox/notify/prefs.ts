/**
 * Notification preferences of this device: desktop notifications on/off, sound on/off, and
 * sessions muted by the user. Kept in localStorage (per user), read synchronously by the
 * notifier.
 */

/** The preferences. */
export interface NotifyPrefs {
  enabled: boolean;
  sound: boolean;
  muted: string[];
}

const DEFAULTS: NotifyPrefs = { enabled: true, sound: true, muted: [] };

/** Loads the preferences of `userId`. */
export function loadPrefs(userId: string): NotifyPrefs {
  try {
    const raw = localStorage.getItem(`switchboard.notify.${userId}`);
    if (!raw) return { ...DEFAULTS };
    const v = JSON.parse(raw) as Partial<NotifyPrefs>;
    return { enabled: v.enabled !== false, sound: v.sound !== false, muted: Array.isArray(v.muted) ? v.muted.filter((s) => typeof s === 'string') : [] };
  } catch {
    return { ...DEFAULTS };
  }
}

/** Saves the preferences of `userId`. */
export function savePrefs(userId: string, prefs: NotifyPrefs): void {
  try {
    localStorage.setItem(`switchboard.notify.${userId}`, JSON.stringify(prefs));
  } catch {
    /* storage unavailable: preferences last for this page */
  }
}
