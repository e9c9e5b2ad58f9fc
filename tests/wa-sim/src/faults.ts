/** Faults that act on live connections right away. */
export type ImmediateFault =
  | { kind: 'stream-error'; code: 515 | 401 | 440 | 500 | 503 | number }
  | { kind: 'xmlstreamend' }
  | { kind: 'drop' }
  | { kind: 'silence' }
  | { kind: 'downgrade' };

/** Faults armed for later events; each fires `times` times (default 1). */
export type ArmedFault =
  | { kind: 'failure'; reason?: number; times?: number }
  | { kind: 'iq-error'; xmlns?: string; code?: number; text?: string; times?: number }
  | { kind: 'send-error'; code?: number; times?: number }
  | { kind: 'rate-overlimit'; times?: number }
  | { kind: 'ack-drop'; times?: number }
  | { kind: 'ack-delay'; ms: number; times?: number }
  | { kind: 'undecryptable'; contact?: string; times?: number }
  /**
   * The contact (any, or `contact`) cannot decrypt the app's next send(s) to it and asks for a
   * retry: at once, or with `hold` only on `sim.releaseRetries(contact)` (e.g. after the app
   * restarted, when nothing but its store can answer).
   */
  | { kind: 'unreadable-send'; contact?: string; hold?: boolean; times?: number }
  /** Downloads of media sent to the phone answered with `status` (default 500) instead of the blob. */
  | { kind: 'media-download-error'; status?: number; times?: number }
  /** The next download of media sent to the phone finds its URL expired (410) until the app asks for a re-upload. */
  | { kind: 'media-expired'; times?: number };

/** What `injectFault` accepts: a target phone (digits), optionally one companion, and the fault. */
export type FaultSpec = { phone: string; deviceId?: number } & (ImmediateFault | ArmedFault | { kind: 'clear' });

/** Every fault kind, for validation of control-API input. */
export const FAULT_KINDS = [
  'stream-error', 'xmlstreamend', 'drop', 'silence', 'downgrade',
  'failure', 'iq-error', 'send-error', 'rate-overlimit', 'ack-drop', 'ack-delay', 'undecryptable', 'unreadable-send',
  'media-download-error', 'media-expired', 'clear',
] as const;

/** True for faults that act on live connections immediately. */
export function isImmediate(f: FaultSpec): f is FaultSpec & ImmediateFault {
  return ['stream-error', 'xmlstreamend', 'drop', 'silence', 'downgrade'].includes(f.kind);
}

type Armed = FaultSpec & ArmedFault & { left: number };

/** Armed faults per phone/device, consumed as the events they target happen. */
export class FaultBook {
  private armed: Armed[] = [];

  /** Arms a fault. */
  arm(f: FaultSpec & ArmedFault): void {
    this.armed.push({ ...f, left: f.times ?? 1 });
  }

  /** Disarms every fault of a phone. */
  clear(phone: string): void {
    this.armed = this.armed.filter((f) => f.phone !== phone);
  }

  /** Consumes one matching fault of this kind, if armed. */
  take<K extends ArmedFault['kind']>(phone: string, deviceId: number | undefined, kind: K, match?: (f: Extract<Armed, { kind: K }>) => boolean): Extract<Armed, { kind: K }> | undefined {
    const found = this.armed.find(
      (f): f is Extract<Armed, { kind: K }> =>
        f.kind === kind && f.phone === phone && (f.deviceId === undefined || f.deviceId === deviceId) && (!match || match(f as Extract<Armed, { kind: K }>)),
    );
    if (!found) return undefined;
    found.left -= 1;
    if (found.left <= 0) this.armed = this.armed.filter((f) => f !== found);
    return found;
  }
}
