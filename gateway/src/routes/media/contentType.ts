/**
 * What a stored file really is, and how it may be served. The client's Content-Type is a claim:
 * the first bytes decide (magic numbers, via file-type), so a file served inline is what its
 * type says. Only types a browser renders without running code are served inline.
 */
import { fileTypeFromBuffer } from 'file-type';

/** Bytes read before deciding the type (file-type needs ~4 KiB; zip-based formats a bit more). */
export const SNIFF_BYTES = 64 * 1024;

/** `type/subtype` of a Content-Type, lowercase, without parameters. */
export const essence = (mimeType: string): string => mimeType.toLowerCase().split(';')[0]!.trim();

/**
 * True for types served inline: images (not SVG, which can carry scripts), audio, video and PDF.
 * Everything else is served as an attachment.
 */
export function isInlineSafe(mimeType: string): boolean {
  const type = essence(mimeType);
  if (type.startsWith('image/')) return type !== 'image/svg+xml';
  return type.startsWith('audio/') || type.startsWith('video/') || type === 'application/pdf';
}

/** Containers whose contents the first bytes cannot tell apart (docx, xlsx, epub are zips; .doc, .xls are CFB). */
const CONTAINERS = new Set(['application/zip', 'application/x-cfb']);

/** True when the claimed type is a more precise name for what the bytes are. */
function refines(claimed: string, found: string): boolean {
  const [cTop, cSub] = essence(claimed).split('/');
  const [fTop, fSub] = essence(found).split('/');
  if (cTop === fTop && cSub === fSub) return true;
  // webm, ogg and mp4 hold audio or video: the client knows which (a voice note is audio/webm).
  const media = ['audio', 'video', 'application'];
  if (cSub === fSub && media.includes(cTop!) && media.includes(fTop!)) return true;
  return CONTAINERS.has(essence(found)) && cTop === 'application' && !isInlineSafe(claimed);
}

/**
 * The type to store for a file whose first bytes are `head` and whose client says `claimed`:
 * the sniffed type, or the claim when it only names the sniffed container more precisely. When
 * the bytes match no known signature (plain text, CSV, unknown binaries), the claim is kept
 * unless it is a type served inline, which would then be unverified: `application/octet-stream`.
 */
export async function sniffContentType(head: Uint8Array, claimed: string): Promise<string> {
  const found = head.byteLength > 0 ? (await fileTypeFromBuffer(head))?.mime : undefined;
  if (!found) return isInlineSafe(claimed) ? 'application/octet-stream' : claimed;
  return refines(claimed, found) ? claimed : found;
}
