import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { hkdf } from '@whiskeysockets/baileys';

/** Media types the simulator encrypts and decrypts (HKDF info per wa-sim.md §6.2). */
export type MediaType = 'image' | 'video' | 'audio' | 'document' | 'sticker' | 'ptt';

const INFO: Record<MediaType, string> = {
  image: 'Image',
  sticker: 'Image',
  video: 'Video',
  audio: 'Audio',
  ptt: 'Audio',
  document: 'Document',
};

function keys(mediaKey: Uint8Array, type: MediaType) {
  const out = Buffer.from(hkdf(Buffer.from(mediaKey), 112, { info: `WhatsApp ${INFO[type]} Keys` }));
  return { iv: out.subarray(0, 16), cipherKey: out.subarray(16, 48), macKey: out.subarray(48, 80) };
}

/** The result of encrypting a media file the way WhatsApp does. */
export interface EncryptedMedia {
  blob: Buffer;
  mediaKey: Buffer;
  fileSha256: Buffer;
  fileEncSha256: Buffer;
  fileLength: number;
}

/** AES-256-CBC with HKDF-derived keys, followed by the 10-byte truncated HMAC. */
export function encryptMedia(plain: Buffer, type: MediaType, mediaKey: Buffer = randomBytes(32)): EncryptedMedia {
  const { iv, cipherKey, macKey } = keys(mediaKey, type);
  const c = createCipheriv('aes-256-cbc', cipherKey, iv);
  const enc = Buffer.concat([c.update(plain), c.final()]);
  const mac = createHmac('sha256', macKey).update(iv).update(enc).digest().subarray(0, 10);
  const blob = Buffer.concat([enc, mac]);
  return {
    blob,
    mediaKey,
    fileSha256: createHash('sha256').update(plain).digest(),
    fileEncSha256: createHash('sha256').update(blob).digest(),
    fileLength: plain.length,
  };
}

/** Verifies the MAC and decrypts a media blob. */
export function decryptMedia(blob: Buffer, mediaKey: Uint8Array, type: MediaType): Buffer {
  const { iv, cipherKey, macKey } = keys(mediaKey, type);
  const enc = blob.subarray(0, blob.length - 10);
  const mac = createHmac('sha256', macKey).update(iv).update(enc).digest().subarray(0, 10);
  if (!mac.equals(blob.subarray(blob.length - 10))) throw new Error('media MAC mismatch');
  const d = createDecipheriv('aes-256-cbc', cipherKey, iv);
  return Buffer.concat([d.update(enc), d.final()]);
}
