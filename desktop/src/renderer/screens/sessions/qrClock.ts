/**
 * How long a QR shown by WhatsApp stays valid: Baileys uses the first ref of a connection for
 * 60 s and each following ref for 20 s (wa-sim.md §2.1). The gateway does not say which ref an
 * event carries, so a QR that follows the previous one within the series' lifetime is assumed
 * to be a follow-up (20 s), anything else the first of a series (60 s).
 */

/** Validity of the first QR of a connection. */
export const FIRST_QR_MS = 60_000;
/** Validity of each later QR. */
export const NEXT_QR_MS = 20_000;

/** A QR and the moment it expires. */
export interface QrState {
  qr: string;
  receivedAt: number;
  expiresAt: number;
}

/** The state after a new QR arrives at `now`, given the previous one. */
export function nextQr(prev: QrState | null, qr: string, now: number): QrState {
  if (prev && prev.qr === qr) return prev;
  const followUp = prev !== null && now - prev.receivedAt <= FIRST_QR_MS + 5_000;
  return { qr, receivedAt: now, expiresAt: now + (followUp ? NEXT_QR_MS : FIRST_QR_MS) };
}

/** Whole seconds left before `state` expires (never negative). */
export function secondsLeft(state: QrState, now: number): number {
  const full = Math.round((state.expiresAt - state.receivedAt) / 1000);
  return Math.min(full, Math.max(0, Math.ceil((state.expiresAt - now) / 1000)));
}
