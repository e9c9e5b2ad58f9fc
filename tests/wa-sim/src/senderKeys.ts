import {
  GroupCipher,
  GroupSessionBuilder,
  SenderKeyDistributionMessage,
  SenderKeyName,
  SenderKeyRecord,
} from '@whiskeysockets/baileys/lib/Signal/Group/index.js';
import { ProtocolAddress } from './signalLib.ts';

/**
 * A simulated contact's sender keys (Signal's group ratchets), with the group cipher Baileys
 * ships (lib/Signal/Group, the same code the app uses). Keys are named by group JID and the
 * sending device's address, and kept in memory.
 */
export class SenderKeyStore {
  private readonly records = new Map<string, SenderKeyRecord>();

  async loadSenderKey(name: SenderKeyName): Promise<SenderKeyRecord> {
    return this.records.get(name.toString()) ?? new SenderKeyRecord();
  }

  async storeSenderKey(name: SenderKeyName, record: SenderKeyRecord): Promise<void> {
    this.records.set(name.toString(), record);
  }

  /** Forgets every sender key (a reinstalled contact): the next group message needs a retry. */
  clear(): void {
    this.records.clear();
  }

  /** Whether a sender key from `user:device` for `group` is known. */
  has(group: string, user: string, device: number): boolean {
    return this.records.has(senderName(group, user, device).toString());
  }

  /** Stores a sender key distribution message a member sent for `group`. */
  async process(group: string, user: string, device: number, skdm: Uint8Array): Promise<void> {
    const message = new SenderKeyDistributionMessage(null, null, null, null, skdm);
    await new GroupSessionBuilder(this).process(senderName(group, user, device), message);
  }

  /** Decrypts an `skmsg` body from `user:device` in `group` (the padded plaintext). */
  decrypt(group: string, user: string, device: number, body: Uint8Array): Promise<Uint8Array> {
    return new GroupCipher(this, senderName(group, user, device)).decrypt(body);
  }

  /**
   * Encrypts as this contact (`user`, device 0) in `group`, creating its own sender key on first
   * use; returns the `skmsg` body and the distribution message the other members need.
   */
  async encrypt(group: string, user: string, padded: Uint8Array): Promise<{ body: Buffer; skdm: Buffer }> {
    const name = senderName(group, user, 0);
    const skdm = await new GroupSessionBuilder(this).create(name);
    const body = await new GroupCipher(this, name).encrypt(padded);
    return { body: Buffer.from(body), skdm: Buffer.from(skdm.serialize()) };
  }
}

function senderName(group: string, user: string, device: number): SenderKeyName {
  return new SenderKeyName(group, new ProtocolAddress(user, device));
}
