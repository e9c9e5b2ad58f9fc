/** The skin tone a user picks emoji in (0: the default yellow, 1–5: light to dark), remembered on this device. */
const KEY = 'switchboard.emoji.tone';

/** The remembered tone (0 when none or unreadable). */
export function loadTone(): number {
  try {
    const v = Number(localStorage.getItem(KEY));
    return Number.isInteger(v) && v >= 0 && v <= 5 ? v : 0;
  } catch {
    return 0;
  }
}

/** Remembers the tone (a full storage is no reason to fail). */
export function saveTone(tone: number): void {
  try {
    localStorage.setItem(KEY, String(tone));
  } catch {
    /* not remembered */
  }
}

/** The hand that shows each tone in the picker. */
export const TONE_SAMPLES = ['✋', '✋🏻', '✋🏼', '✋🏽', '✋🏾', '✋🏿'] as const;
