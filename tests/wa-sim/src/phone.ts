import type { BinaryNode } from '@whiskeysockets/baileys';
import { newKeyPair, type RawKeyPair } from './certs.ts';
import { SenderKeyStore } from './senderKeys.ts';
import { SignalStore } from './signalStore.ts';
import type { SimConnection } from './connection.ts';
import type { ReceivedMessage } from './types.ts';

/** A signed pre-key as uploaded by a companion (raw 32-byte public key). */
export interface SignedPreKey {
  keyId: number;
  publicKey: Buffer;
  signature: Buffer;
}

/** A linked companion device (one Baileys auth state) of a simulated phone. */
export interface CompanionDevice {
  phone: string;
  deviceId: number;
  noiseKey: Buffer;
  registrationId: number;
  identityKey: Buffer;
  signedPreKey: SignedPreKey;
  /** Unused one-time pre-keys the companion uploaded, by id. */
  preKeys: Map<number, Buffer>;
  platform: string;
  connection?: SimConnection;
  /** Stanzas waiting for the next login (sent with offline="1"). */
  queue: BinaryNode[];
  /**
   * Messages sent to a live connection that the companion has not yet receipted or acked, by id.
   * Like WhatsApp, they are delivered again (offline="1") at the next login (wa-sim.md §4.4).
   */
  unacked?: Map<string, BinaryNode>;
  /** Whether the phone already sent its history bootstrap to this companion. */
  historySent?: boolean;
}

let lidCounter = 100_000_000_000_000;

/** Allocates a fresh LID user part (digits). */
export function allocateLid(): string {
  lidCounter += 1 + Math.floor(Math.random() * 1000);
  return String(lidCounter);
}

/** A simulated primary phone: owns the account identity and links companions. */
export class SimPhone {
  lid = allocateLid();
  identity: RawKeyPair = newKeyPair();
  readonly devices = new Map<number, CompanionDevice>();
  /** The phone's own Signal identity, for peer messages and self-sync with its companions. */
  readonly store = new SignalStore();
  /** Self-sync copies (`deviceSentMessage`) of what the companions sent, decrypted, in order (selfSync.ts). */
  readonly received: ReceivedMessage[] = [];
  /** The phone's own sender keys, for what the owner writes in groups from the phone (phoneGroups.ts). */
  readonly senderKeys = new SenderKeyStore();
  /** `<group JID>|<phone>:<device>` of companions that already hold the phone's sender key. */
  readonly senderKeyHolders = new Set<string>();
  /** Contacts (digits) the account blocked: their messages to it are never delivered (blocklist.ts). */
  readonly blocked = new Set<string>();
  nextDeviceId = 1;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly phone: string,
    readonly name: string,
  ) {}

  /** The account's PN JID (device 0). */
  get jid(): string {
    return `${this.phone}@s.whatsapp.net`;
  }

  /** Reserves the next companion device id. */
  allocateDeviceId(): number {
    return this.nextDeviceId++;
  }

  /** Runs Signal work of the phone one job at a time (ratchets must not interleave). */
  serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.chain.then(job, job);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Connected companions. */
  onlineDevices(): CompanionDevice[] {
    return [...this.devices.values()].filter((d) => d.connection && !d.connection.closed);
  }
}

/** Validates a phone number given as digits only (5-20 digits). */
export function assertDigits(phone: string): string {
  if (!/^\d{5,20}$/.test(phone)) throw new SimError('bad_phone', `phone must be 5-20 digits: ${phone}`);
  return phone;
}

/** An error with a stable code, rendered as a 4xx by the control API. */
export class SimError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'SimError';
  }
}
