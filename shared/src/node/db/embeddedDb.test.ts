import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { startEmbeddedDb } from './embeddedDb.ts';

describe('embedded database', () => {
  it('starts FerretDB, keeps data on disk across restarts, and stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-edb-'));
    try {
      const first = await startEmbeddedDb({ dataDir: dir });
      const c1 = await MongoClient.connect(first.uri);
      await c1.db('persist').collection('things').insertOne({ name: 'kept' });
      await c1.close();
      await first.stop();

      const second = await startEmbeddedDb({ dataDir: dir });
      const c2 = await MongoClient.connect(second.uri);
      const doc = await c2.db('persist').collection('things').findOne({ name: 'kept' });
      await c2.close();
      await second.stop();
      expect(doc?.name).toBe('kept');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
