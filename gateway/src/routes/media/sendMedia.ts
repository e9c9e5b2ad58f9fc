import { mediaBucket, openMediaStream } from '@switchboard/shared/node';
import type { Context } from 'koa';
import type { Types } from 'mongoose';
import { AppError } from '../../errors.ts';
import { isInlineSafe } from './contentType.ts';
import { contentRange, parseRange } from './range.ts';

/** How to send a stored blob. */
export interface SendOptions {
  gridFsId: Types.ObjectId;
  mimeType: string;
  /** Hex SHA-256, used as a strong ETag. */
  sha256?: string;
  /** Sets `Content-Disposition: attachment` with this file name. */
  download?: string | null;
  /** File name for the attachment header of a type not served inline (default `file`). */
  fileName?: string | null;
}

/** RFC 6266 attachment header with an ASCII fallback and the UTF-8 name. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Streams a GridFS file with HTTP Range support: 200 with the whole body, 206 with
 * `Content-Range` for one satisfiable range, 416 (`range_not_satisfiable`) otherwise;
 * 304 when `If-None-Match` matches the sha256 ETag. Only types safe to render (images but SVG,
 * audio, video, PDF) are served inline; anything else (HTML, SVG, text, unknown types, also
 * from incoming WhatsApp media) as an attachment, always with `X-Content-Type-Options: nosniff`.
 */
export async function sendMedia(ctx: Context, opts: SendOptions): Promise<void> {
  const file = await mediaBucket().find({ _id: opts.gridFsId }).next();
  if (!file) throw new AppError(404, 'not_found', 'The media file does not exist');
  const size = file.length;
  ctx.set('Accept-Ranges', 'bytes');
  ctx.set('Cache-Control', 'private, max-age=3600');
  ctx.set('X-Content-Type-Options', 'nosniff');
  if (opts.sha256) {
    ctx.set('ETag', `"${opts.sha256}"`);
    if (ctx.get('If-None-Match') === `"${opts.sha256}"`) {
      ctx.status = 304;
      return;
    }
  }
  if (opts.download) ctx.set('Content-Disposition', attachment(opts.download));
  else if (!isInlineSafe(opts.mimeType)) ctx.set('Content-Disposition', attachment(opts.fileName || 'file'));
  else ctx.set('Content-Disposition', 'inline');
  ctx.type = opts.mimeType;
  const range = parseRange(ctx.get('Range') || undefined, size);
  if (range.kind === 'unsatisfiable') {
    ctx.set('Content-Range', `bytes */${size}`);
    throw new AppError(416, 'range_not_satisfiable', 'The requested range is outside the file', { size });
  }
  if (range.kind === 'partial') {
    ctx.status = 206;
    ctx.set('Content-Range', contentRange(range.start, range.end, size));
    ctx.length = range.end - range.start + 1;
    ctx.body = openMediaStream(opts.gridFsId, { start: range.start, end: range.end + 1 });
    return;
  }
  ctx.status = 200;
  ctx.length = size;
  ctx.body = openMediaStream(opts.gridFsId);
}
