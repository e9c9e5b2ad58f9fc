/**
 * Which key sends a reply, a preference of this device: `enter` (Enter sends, Shift+Enter
 * starts a new line, as in WhatsApp) or `ctrl-enter` (Enter starts a new line, for people who
 * write long replies). Ctrl/Cmd+Enter sends in both.
 */

/** The send key. */
export type SendKey = 'enter' | 'ctrl-enter';

const KEY = 'switchboard.sendKey';

/** The saved send key; `enter` unless this device chose otherwise. */
export function loadSendKey(): SendKey {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'ctrl-enter' ? 'ctrl-enter' : 'enter';
  } catch {
    return 'enter';
  }
}

/** Saves the send key for this device. */
export function saveSendKey(key: SendKey): void {
  try {
    globalThis.localStorage?.setItem(KEY, key);
  } catch {
    /* storage unavailable: the choice lasts for this page */
  }
}

/** The parts of a key press that decide whether it sends. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** True while an input method is composing (Enter then confirms the composition). */
  isComposing: boolean;
}

/** True when `e` sends the reply under `mode`. */
export function isSendPress(e: KeyPress, mode: SendKey): boolean {
  if (e.key !== 'Enter' || e.isComposing || e.shiftKey || e.altKey) return false;
  if (e.ctrlKey || e.metaKey) return true;
  return mode === 'enter';
}
