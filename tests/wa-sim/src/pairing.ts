import { createHmac, randomBytes } from 'node:crypto';
import { Curve, proto, WA_ADV_ACCOUNT_SIG_PREFIX, type BinaryNode } from '@whiskeysockets/baileys';
import { node, SERVER_JID, unixNow } from './nodes.ts';
import { SimError, type SimPhone } from './phone.ts';

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
