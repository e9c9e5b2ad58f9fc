import { createHmac, randomBytes } from 'node:crypto';
import { Curve, generateSignalPubKey, proto, WA_ADV_ACCOUNT_SIG_PREFIX, WA_ADV_DEVICE_SIG_PREFIX, type BinaryNode } from '@whiskeysockets/baileys';
import { node, SERVER_JID, unixNow } from './nodes.ts';
import { SimError, type SimPhone } from './phone.ts';
import { signalCurve } from './signalLib.ts';

/** The fields of a companion QR string (wa-sim.md §2.1). */
export interface QrData {
  ref: string;
  noiseKey: Buffer;
  identityKey: Buffer;
  advSecret: Buffer;
  platformId: string;
}

/** Parses `https://wa.me/settings/linked_devices#ref,noise,identity,adv,platform` (the URL part is optional). */
export function parseQr(qr: string): QrData {
  const body = qr.includes('#') ? qr.slice(qr.indexOf('#') + 1) : qr;
  const parts = body.split(',');
  if (parts.length < 4) throw new SimError('bad_qr', 'QR string has too few fields');
  const [ref = '', noise = '', identity = '', adv = '', platformId = '1'] = parts;
  const noiseKey = Buffer.from(noise, 'base64');
  const identityKey = Buffer.from(identity, 'base64');
  const advSecret = Buffer.from(adv, 'base64');
  if (noiseKey.length !== 32 || identityKey.length !== 32 || advSecret.length !== 32) {
    throw new SimError('bad_qr', 'QR keys must be 32 bytes each');
  }
  return { ref, noiseKey, identityKey, advSecret, platformId };
}

/** Fresh QR refs in the real shape (`2@…`), sent as bytes so they are not JID-packed. */
export function makeRefs(count: number): string[] {
  return Array.from({ length: count }, () => `2@${randomBytes(24).toString('base64')}`);
}

/** Builds the `<iq><pair-success>` stanza the phone sends to a companion (wa-sim.md §2.2). */
export function buildPairSuccess(
  phone: SimPhone,
  deviceId: number,
  companionIdentity: Buffer,
  advSecret: Buffer,
  iqId: string,
): BinaryNode {
  const details = proto.ADVDeviceIdentity.encode({
    rawId: Math.floor(Math.random() * 0xffffffff),
    timestamp: Math.floor(Date.now() / 1000),
    keyIndex: deviceId,
    accountType: proto.ADVEncryptionType.E2EE,
    deviceType: proto.ADVEncryptionType.E2EE,
  }).finish();
  const accountSignature = Curve.sign(
    phone.identity.private,
    Buffer.concat([WA_ADV_ACCOUNT_SIG_PREFIX, details, companionIdentity]),
  );
  const signed = proto.ADVSignedDeviceIdentity.encode({
    details,
    accountSignatureKey: phone.identity.public,
    accountSignature,
  }).finish();
  const hmac = createHmac('sha256', advSecret).update(signed).digest();
  const identityHmac = proto.ADVSignedDeviceIdentityHMAC.encode({ details: signed, hmac }).finish();
  const content: BinaryNode[] = [
    node('device-identity', { 'key-index': deviceId }, identityHmac),
    node('platform', { name: 'android' }),
    node('device', { jid: `${phone.phone}:${deviceId}@s.whatsapp.net`, lid: `${phone.lid}:${deviceId}@lid` }),
  ];
  if (phone.name) content.push(node('biz', { name: phone.name }));
  return node('iq', { from: SERVER_JID, type: 'set', id: iqId, xmlns: 'md', t: unixNow() }, [
    node('pair-success', {}, content),
  ]);
}

/**
 * Checks the companion's answer to pair-success (wa-sim.md §2.3), as the real server must: the
 * `ADVSignedDeviceIdentity` it returns carries the details the phone signed, unchanged, and a
 * `deviceSignature` made with the companion identity key over
 * `06 01 ‖ details ‖ companionIdentity ‖ phoneIdentity`. Verified with libsignal's real check
 * (Baileys' own `Curve.verify` accepts any signature, §0.2). Returns why it is refused, or null.
 */
export function deviceSignatureProblem(content: unknown, sentDetails: Uint8Array, companionIdentity: Buffer, phoneIdentity: Buffer): string | null {
  if (!(content instanceof Uint8Array)) return 'no device identity in pair-device-sign';
  let signed: proto.ADVSignedDeviceIdentity;
  try {
    signed = proto.ADVSignedDeviceIdentity.decode(content);
  } catch {
    return 'undecodable device identity';
  }
  if (!signed.details || !Buffer.from(signed.details).equals(Buffer.from(sentDetails))) return 'device details changed';
  if (!signed.deviceSignature || signed.deviceSignature.length !== 64) return 'no device signature';
  const message = Buffer.concat([WA_ADV_DEVICE_SIG_PREFIX, Buffer.from(signed.details), companionIdentity, phoneIdentity]);
  const ok = signalCurve.verifySignature(generateSignalPubKey(companionIdentity), message, signed.deviceSignature) === true;
  return ok ? null : 'invalid device signature';
}

/** The `details` of the pair-success stanza the phone built (what the companion must sign back). */
export function pairSuccessDetails(stanza: BinaryNode): Uint8Array {
  const pair = (stanza.content as BinaryNode[])[0]!;
  const identity = (pair.content as BinaryNode[]).find((n) => n.tag === 'device-identity')!;
  const hmac = proto.ADVSignedDeviceIdentityHMAC.decode(identity.content as Uint8Array);
  return proto.ADVSignedDeviceIdentity.decode(hmac.details!).details!;
}
