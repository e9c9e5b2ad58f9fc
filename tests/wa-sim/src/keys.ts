import type { BinaryNode } from '@whiskeysockets/baileys';
import { beBytes, child, children, contentBytes, node, readBe } from './nodes.ts';
import type { CompanionDevice } from './phone.ts';
import type { SignalStore } from './signalStore.ts';

/** Applies an `encrypt set` upload (registration, identity, one-time keys, signed key) to a device. */
export function applyKeyUpload(device: CompanionDevice, iq: BinaryNode): void {
  const reg = contentBytes(child(iq, 'registration'));
  if (reg) device.registrationId = readBe(reg);
  const identity = contentBytes(child(iq, 'identity'));
  if (identity) device.identityKey = identity;
  for (const key of children(child(iq, 'list'), 'key')) {
    const id = readBe(contentBytes(child(key, 'id')));
    const value = contentBytes(child(key, 'value'));
    if (value) device.preKeys.set(id, value);
  }
  const skey = child(iq, 'skey') ?? child(child(iq, 'rotate'), 'skey');
  if (skey) applySignedKey(device, skey);
}

/** Stores a `<skey>` node (from an upload or a `<rotate>`). */
export function applySignedKey(device: CompanionDevice, skey: BinaryNode): void {
  const value = contentBytes(child(skey, 'value'));
  const signature = contentBytes(child(skey, 'signature'));
  if (!value || !signature) return;
  device.signedPreKey = { keyId: readBe(contentBytes(child(skey, 'id'))), publicKey: value, signature };
}

/** The `<digest>` answer: a summary of what the server holds for the device. */
export function digestNode(device: CompanionDevice): BinaryNode {
  return node('digest', {}, [
    node('type', {}, Buffer.from([5])),
    node('registration', {}, beBytes(device.registrationId, 4)),
    node('identity', {}, device.identityKey),
    node('skey', {}, [node('id', {}, beBytes(device.signedPreKey.keyId, 3))]),
    node('list', {}, [...device.preKeys.keys()].map((id) => node('id', {}, beBytes(id, 3)))),
  ]);
}

/**
 * A key-bundle `<user>` for a simulated Signal identity (a contact, or the account's own phone
 * for self-sync); issues one fresh one-time pre-key each time.
 */
export function storeBundle(jid: string, store: SignalStore): BinaryNode {
  const pre = store.issuePreKey();
  return bundleNode(jid, {
    registrationId: store.registrationId,
    identity: store.identity.pubKey,
    signedPreKey: { keyId: store.signedPreKey.keyId, publicKey: store.signedPreKey.keyPair.pubKey, signature: store.signedPreKey.signature },
    preKey: { keyId: pre.keyId, publicKey: pre.keyPair.pubKey },
  });
}

/** What a key-bundle `<user>` carries; public keys with or without their 0x05 type byte. */
export interface BundleParts {
  registrationId: number;
  identity: Buffer;
  signedPreKey: { keyId: number; publicKey: Buffer; signature: Buffer };
  preKey?: { keyId: number; publicKey: Buffer } | undefined;
}

/** The `<user jid>` key bundle of an `encrypt` answer (§4.2): keys sent as their 32 raw bytes. */
export function bundleNode(jid: string, b: BundleParts): BinaryNode {
  const raw = (key: Buffer) => (key.length === 33 ? key.subarray(1) : key);
  const content = [
    node('registration', {}, beBytes(b.registrationId, 4)),
    node('type', {}, Buffer.from([5])),
    node('identity', {}, raw(b.identity)),
    node('skey', {}, [
      node('id', {}, beBytes(b.signedPreKey.keyId, 3)),
      node('value', {}, raw(b.signedPreKey.publicKey)),
      node('signature', {}, b.signedPreKey.signature),
    ]),
  ];
  if (b.preKey) content.push(node('key', {}, [node('id', {}, beBytes(b.preKey.keyId, 3)), node('value', {}, raw(b.preKey.publicKey))]));
  return node('user', { jid }, content);
}

/** The libsignal bundle a contact uses to open a session to a companion; consumes one pre-key. */
export function takeDeviceBundle(device: CompanionDevice) {
  const prefix = (k: Buffer) => (k.length === 33 ? k : Buffer.concat([Buffer.from([5]), k]));
  const first = device.preKeys.entries().next();
  let preKey: { keyId: number; publicKey: Buffer } | undefined;
  if (!first.done) {
    const [keyId, value] = first.value;
    device.preKeys.delete(keyId);
    preKey = { keyId, publicKey: prefix(value) };
  }
  return {
    registrationId: device.registrationId,
    identityKey: prefix(device.identityKey),
    signedPreKey: {
      keyId: device.signedPreKey.keyId,
      publicKey: prefix(device.signedPreKey.publicKey),
      signature: device.signedPreKey.signature,
    },
    preKey,
  };
}
