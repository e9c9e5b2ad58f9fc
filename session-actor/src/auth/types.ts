import type { AuthenticationState } from '@whiskeysockets/baileys';

/** An opened auth state: what Baileys reads and writes, plus the explicit wipe used on logout. */
export interface AuthHandle {
  state: AuthenticationState;
  /** Persists `state.creds` (call on every `creds.update`). */
  saveCreds(): Promise<void>;
  /** Removes the credentials and every key of the session; only after a logout. */
  clear(): Promise<void>;
  /** True when the stored creds belong to a linked device (a reconnect needs no QR). */
  readonly registered: boolean;
}
