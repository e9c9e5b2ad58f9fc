/**
 * Sealing with a message's secret, as WhatsApp does for what changes a poll or an event after it
 * was sent: the key is HKDF-SHA256 of the message's 32-byte `messageSecret` (no salt), with the
 * message's id, its creator's id, the id of who changes it and the use ("Event Edit") as info;
 * the content is AES-256-GCM with a 12-byte IV and the tag after the ciphertext. Votes and event
 * answers also bind `id \0 answerer` as additional data (Baileys opens those itself:
 * `decryptPollVote`, `decryptEventResponse`); an event's edit binds nothing more.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Sealed, SealedWith } from './answers.ts';

const TAG_BYTES = 16;

/** The key for one use of a message's secret by one person. */
function useKey(use: string, { targetId, creatorJid, answererJid, secret }: SealedWith): Buffer {
  const info = Buffer.concat([targetId, creatorJid, answererJid, use].map((s) => Buffer.from(s)));
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
}

/** Seals `plain` for `use` (a fresh IV each time). */
export function sealWithSecret(use: string, plain: Uint8Array, ids: SealedWith): Sealed {
  const encIv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', useKey(use, ids), encIv);
  return { encPayload: Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]), encIv };
}

/** Opens what was sealed for `use`; throws when these ids or this secret did not seal it (GCM refuses). */
export function openWithSecret(use: string, { encPayload, encIv }: Sealed, ids: SealedWith): Buffer {
  const payload = Buffer.from(encPayload);
  if (payload.length < TAG_BYTES) throw new Error('sealed payload too short');
  const decipher = createDecipheriv('aes-256-gcm', useKey(use, ids), encIv);
  decipher.setAuthTag(payload.subarray(payload.length - TAG_BYTES));
  return Buffer.concat([decipher.update(payload.subarray(0, payload.length - TAG_BYTES)), decipher.final()]);
}
