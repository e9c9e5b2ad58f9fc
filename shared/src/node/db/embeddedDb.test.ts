import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { embeddedDbRestartDelayMs, startEmbeddedDb, type EmbeddedDbWatchEvent } from './embeddedDb.ts';

describe('embedded database', () => {
  it.each(['interval', 'full'])('starts FerretDB, keeps data on disk across restarts, and stops (EMBEDDED_DB_SYNC=%s)', async (mode) => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-edb-'));
    process.env.EMBEDDED_DB_SYNC = mode;
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
      delete process.env.EMBEDDED_DB_SYNC;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start with an unknown EMBEDDED_DB_SYNC, saying which values it takes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-edb-'));
    process.env.EMBEDDED_DB_SYNC = 'sometimes';
    try {
      await expect(startEmbeddedDb({ dataDir: dir })).rejects.toThrow(/EMBEDDED_DB_SYNC.*"sometimes" is neither interval nor full/);
    } finally {
      delete process.env.EMBEDDED_DB_SYNC;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('restarts a SIGKILLed server on the same address, and a connected client carries on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-edb-'));
    const events: EmbeddedDbWatchEvent[] = [];
    let restarted!: () => void;
    const back = new Promise<void>((res) => (restarted = res));
    const db = await startEmbeddedDb({
      dataDir: dir,
      requestTimeoutMs: 10_000,
      onWatchEvent: (e) => {
        events.push(e);
        if (e.type === 'restarted') restarted();
      },
    });
    const client = await MongoClient.connect(db.uri);
    try {
      const things = client.db('watch').collection<{ _id: string; n: number }>('things');
      await things.insertOne({ _id: 'a', n: 1 });
      const killed = db.pid;
      process.kill(killed, 'SIGKILL');
      await back;

      // The same client, no new connection string: the driver reconnects to the same port.
      await things.updateOne({ _id: 'a' }, { $inc: { n: 1 } });
      expect(await things.findOne({ _id: 'a' })).toEqual({ _id: 'a', n: 2 });
      expect(db.restarts).toBe(1);
      expect(db.pid).not.toBe(killed);
      expect(events.map((e) => e.type)).toEqual(['exited', 'restarted']);
      expect(events[0]).toMatchObject({ pid: killed, signal: 'SIGKILL' });
    } finally {
      await client.close();
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('restarts at once after a stable run, then backs off while the server keeps dying', () => {
    expect([0, 1, 2, 3, 6, 7, 20].map(embeddedDbRestartDelayMs)).toEqual([0, 250, 500, 1000, 8000, 10_000, 10_000]);
  });
});
