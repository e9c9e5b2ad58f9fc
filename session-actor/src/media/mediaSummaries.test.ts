import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Media, connectDatabase, disconnectDatabase, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { MediaSummaries } from './mediaSummaries.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('actor_media_summaries'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

/** A fresh ObjectId as hex (the actor has no mongoose of its own; models cast strings). */
const oid = (): string => randomBytes(12).toString('hex');

const media = (over: Record<string, unknown> = {}) => ({
  sessionId: 's', kind: 'image' as const, mimeType: 'image/jpeg', size: 10, sha256: randomBytes(32).toString('hex'),
  gridFsId: oid(), direction: 'in' as const, width: 640, height: 480, ...over,
});

describe('MediaSummaries', () => {
  it('summarises a remembered document without reading the database', async () => {
    const summaries = new MediaSummaries();
    const _id = oid();
    const view = summaries.remember({ _id, ...media({ fileName: 'a.jpg', thumbnailGridFsId: oid() }) });
    expect(view).toEqual({ mimeType: 'image/jpeg', fileName: 'a.jpg', size: 10, width: 640, height: 480, durationMs: null, hasThumbnail: true });
    expect(await summaries.of(_id)).toBe(view); // never stored: only the memory can answer
  });

  it('reads an unknown id by _id, and answers undefined for a missing file', async () => {
    const doc = await Media.create(media({ kind: 'voice', mimeType: 'audio/ogg', width: null, height: null, durationMs: 3000 }));
    const summaries = new MediaSummaries();
    expect(await summaries.of(doc._id.toString())).toMatchObject({ mimeType: 'audio/ogg', durationMs: 3000, hasThumbnail: false });
    expect(await summaries.of(oid())).toBeUndefined();
    expect(await summaries.of(null)).toBeUndefined();
  });

  it('keeps at most `max` entries, dropping the oldest', async () => {
    const summaries = new MediaSummaries(2);
    const ids = [oid(), oid(), oid()];
    for (const _id of ids) summaries.remember({ _id, ...media() });
    expect(await summaries.of(ids[0])).toBeUndefined(); // forgotten, and not in the database
    expect(await summaries.of(ids[2])).toBeDefined();
  });
});
