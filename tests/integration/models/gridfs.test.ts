import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import {
  MEDIA_BUCKET,
  MediaTooLargeError,
  connectDatabase,
  deleteMedia,
  disconnectDatabase,
  openMediaStream,
  putMedia,
  readMedia,
  silentLogger,
} from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('models-gridfs'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

/** A stream of `total` pseudo-random bytes in 1 MiB pieces. */
function byteStream(bytes: Buffer): Readable {
  const piece = 1024 * 1024;
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += piece) yield bytes.subarray(i, i + piece);
    })(),
  );
}

describe('GridFS media storage', () => {
  it('stores a 20 MB stream and reads back the same bytes, whole and by range', async () => {
    const bytes = randomBytes(20 * 1024 * 1024);
    const expected = createHash('sha256').update(bytes).digest('hex');

    const stored = await putMedia(byteStream(bytes), { filename: 'big.bin', contentType: 'application/octet-stream' });
    expect(stored.size).toBe(bytes.length);
    expect(stored.sha256).toBe(expected);

    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of openMediaStream(stored.id)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    expect(size).toBe(bytes.length);
    expect(hash.digest('hex')).toBe(expected);

    // A range that starts and ends inside different GridFS chunks (255 KiB each).
    const start = 3 * 255 * 1024 - 17;
    const end = start + 700_001;
    const part = await readMedia(stored.id, { start, end });
    expect(part.equals(bytes.subarray(start, end))).toBe(true);

    expect(await deleteMedia(stored.id)).toBe(true);
    expect(await deleteMedia(stored.id)).toBe(false);
    const chunks = await mongoose.connection.db!.collection(`${MEDIA_BUCKET}.chunks`).countDocuments({ files_id: stored.id });
    expect(chunks).toBe(0);
  });

  it('stores a buffer with its metadata', async () => {
    const stored = await putMedia(Buffer.from('hola'), { contentType: 'text/plain', metadata: { sessionId: 's1' } });
    expect(stored.sha256).toBe(createHash('sha256').update('hola').digest('hex'));
    expect((await readMedia(stored.id)).toString()).toBe('hola');
    const file = await mongoose.connection.db!.collection(`${MEDIA_BUCKET}.files`).findOne({ _id: stored.id });
    expect(file?.metadata).toEqual({ sessionId: 's1', contentType: 'text/plain' });
  });

  it('rejects an upload over maxBytes and leaves nothing behind', async () => {
    const files = mongoose.connection.db!.collection(`${MEDIA_BUCKET}.files`);
    const before = await files.countDocuments();
    await expect(putMedia(byteStream(randomBytes(3 * 1024 * 1024)), { maxBytes: 2 * 1024 * 1024 })).rejects.toBeInstanceOf(
      MediaTooLargeError,
    );
    expect(await files.countDocuments()).toBe(before);
    const orphanChunks = await mongoose.connection
      .db!.collection(`${MEDIA_BUCKET}.chunks`)
      .countDocuments({ files_id: { $nin: await files.distinct('_id') } });
    expect(orphanChunks).toBe(0);
  });
});
