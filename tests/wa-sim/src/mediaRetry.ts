/**
 * Media re-upload ("media retry"): when a media URL has expired, the app sends its own phone a
 * `<receipt type="server-error">` naming the message; the phone uploads the file again and
 * answers with `<notification type="mediaretry">` whose payload (a MediaRetryNotification with
 * the new direct path) is AES-GCM encrypted under HKDF(mediaKey, "WhatsApp Media Retry
 * Notification") with the message id as associated data. Baileys' `updateMediaMessage` sends the
 * first and decrypts the second (Utils/messages-media.js).
 */
import { aesDecryptGCM, aesEncryptGCM, hkdf, proto, type BinaryNode } from '@whiskeysockets/baileys';
import { randomBytes } from 'node:crypto';
import type { SimConnection } from './connection.ts';
import { child, contentBytes, node, unixNow } from './nodes.ts';
import type { Simulator } from './simulator.ts';

const { ResultType } = proto.MediaRetryNotification;

function retryKey(mediaKey: Uint8Array): Buffer {
  return Buffer.from(hkdf(mediaKey, 32, { info: 'WhatsApp Media Retry Notification' }));
}

/** True when the request's encrypted ServerErrorReceipt names `id` under the media's key. */
function requestReadable(stanza: BinaryNode, id: string, key: Buffer): boolean {
  const enc = child(stanza, 'encrypt');
  const ciphertext = contentBytes(child(enc, 'enc_p'));
  const iv = contentBytes(child(enc, 'enc_iv'));
  // WhatsApp Web sends it and Baileys copies it; the phone re-uploads without it too.
  if (!ciphertext || !iv) return true;
  try {
    return proto.ServerErrorReceipt.decode(aesDecryptGCM(ciphertext, key, iv, Buffer.from(id))).stanzaId === id;
  } catch {
    return false;
  }
}

/** The phone's answer to a media retry request from one of its companions. */
export function onMediaRetryRequest(sim: Simulator, conn: SimConnection, stanza: BinaryNode): void {
  const device = conn.device;
  const id = stanza.attrs.id ?? '';
  if (!device || !id) return;
  const rmr = child(stanza, 'rmr') ?? node('rmr', {});
  const attrs = { from: `${device.phone}@s.whatsapp.net`, type: 'mediaretry', id, t: unixNow() };
  const mediaKey = sim.media.mediaKeyOf(id);
  const key = mediaKey && retryKey(mediaKey);
  const failed = (result: number) => {
    sim.emit('media-retry', { phone: device.phone, id, result: ResultType[result] ?? String(result) });
    conn.send(node('notification', attrs, [rmr, node('error', { code: String(result) })]));
  };
  if (!key) return failed(ResultType.NOT_FOUND);
  if (!requestReadable(stanza, id, key)) return failed(ResultType.DECRYPTION_ERROR);
  const directPath = sim.media.reupload(id);
  if (!directPath) return failed(ResultType.NOT_FOUND);
  const plaintext = proto.MediaRetryNotification.encode({ stanzaId: id, directPath, result: ResultType.SUCCESS }).finish();
  const iv = randomBytes(12);
  const payload = node('encrypt', {}, [node('enc_p', {}, aesEncryptGCM(plaintext, key, iv, Buffer.from(id))), node('enc_iv', {}, iv)]);
  sim.emit('media-retry', { phone: device.phone, id, result: 'SUCCESS' });
  conn.send(node('notification', attrs, [rmr, payload]));
}
