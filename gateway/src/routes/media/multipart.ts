/**
 * Streaming multipart/form-data (busboy): text fields are collected, the one file part is handed
 * to a callback as a stream, so nothing holds a whole upload in memory. The callback runs when
 * the file part begins, with the fields sent before it: it authorises and then stores the stream.
 */
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Context } from 'koa';
import { AppError } from '../../errors.ts';

/** The file part of a multipart body, not read yet. */
export interface FilePart {
  stream: Readable;
  /** The client's file name (UTF-8). */
  fileName: string;
  /** The client's Content-Type of the part (a claim; see contentType.ts). */
  claimedType: string;
}

/** What a multipart body held: its text fields and what the file callback returned. */
export interface MultipartResult<T> {
  fields: Record<string, string>;
  file: T;
}

const LIMITS = { files: 1, fields: 20, parts: 21, fieldSize: 64 * 1024, headerPairs: 50 };

const invalidUpload = (message: string): AppError => new AppError(400, 'invalid_upload', message);

/** 415 unless the request is multipart/form-data. */
export function assertMultipart(ctx: Context): void {
  if (!ctx.is('multipart/form-data')) throw new AppError(415, 'multipart_required', 'Send the file as multipart/form-data');
}

/** The callbacks of readMultipart. */
export interface MultipartHandlers<T> {
  /** Called when the file part begins, with the fields sent before it; must consume `part.stream` or throw. */
  onFile(fields: Record<string, string>, part: FilePart): Promise<T>;
  /** Undoes `onFile` when the rest of the body turns out bad (e.g. a later field is too long). */
  discard(file: T): Promise<void>;
}

/**
 * Reads a multipart body with one file in the field `file`, streaming the file to `onFile`.
 * On any failure the rest of the body is drained and discarded (never buffered), so the client
 * reads the answer. Errors: 400 `file_required`, 400 `invalid_upload`, 413 `payload_too_large`
 * (a text field over 64 KiB), plus whatever `onFile` throws.
 */
export function readMultipart<T>(ctx: Context, handlers: MultipartHandlers<T>): Promise<MultipartResult<T>> {
  assertMultipart(ctx);
  let parser: busboy.Busboy;
  try {
    // File names are UTF-8 in every browser; busboy's default (latin1) garbles accents.
    parser = busboy({ headers: ctx.req.headers, defParamCharset: 'utf8', limits: LIMITS });
  } catch {
    return Promise.reject(invalidUpload('The multipart body has no boundary'));
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let stored: Promise<T> | null = null;
    let fileStream: Readable | null = null;
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      ctx.req.unpipe(parser);
      ctx.req.resume(); // drain what is left of the body without keeping it
      // A file still streaming must end too, or its GridFS upload would wait forever (its
      // reader sees a premature close and removes what it wrote).
      if (fileStream && !fileStream.readableEnded) fileStream.destroy();
      reject(err);
      stored?.then(handlers.discard, () => undefined).catch(() => undefined);
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(new AppError(413, 'payload_too_large', `The form field ${name} is larger than 64 KiB`));
      else fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      // Errors of a file stream reach its reader through iteration; an unread one (refused
      // before reading) must not crash the process with an unhandled 'error' event.
      stream.on('error', () => undefined);
      if (name !== 'file' || failed) {
        stream.resume();
        if (name !== 'file') fail(invalidUpload('Send the file in the multipart field "file"'));
        return;
      }
      fileStream = stream;
      stored = handlers.onFile({ ...fields }, { stream, fileName: info.filename ?? 'file', claimedType: info.mimeType || 'application/octet-stream' });
      stored.catch((err: unknown) => {
        stream.resume();
        fail(err);
      });
    });
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) {
      parser.on(limit, () => fail(invalidUpload('Too many parts in the multipart body (one file, at most 20 fields)')));
    }
    parser.on('error', () => fail(invalidUpload('The multipart body could not be read')));
    parser.on('close', () => {
      if (failed) return;
      if (!stored) return fail(new AppError(400, 'file_required', 'Attach the file in the multipart field "file"'));
      stored.then((file) => (failed ? undefined : resolve({ fields, file })), fail);
    });
    ctx.req.on('aborted', () => fail(invalidUpload('The upload was interrupted')));
    ctx.req.pipe(parser);
  });
}
