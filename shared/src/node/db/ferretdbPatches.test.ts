/**
 * The FerretDB patches (ferretdbPatches.ts) on the run's database server: what each fixes
 * behaves as MongoDB does. On MongoDB (MONGODB_URI) the same assertions hold trivially.
 */
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbUri } from '../../../../tests/support/testDb.ts';

let client: MongoClient;

beforeAll(async () => {
  client = await MongoClient.connect(testDbUri('ferretdb_patches'));
});
afterAll(async () => {
  await client?.close();
});

describe('FerretDB patches', () => {
  it('applies an update command of 250 statements (more than the 100 SQLite connections a database has), twice', async () => {
    const keys = client.db().collection<{ _id: string; v: number }>('keys');
    const ops = (v: number) => Array.from({ length: 250 }, (_, i) => ({ updateOne: { filter: { _id: `k${i}` }, update: { $set: { v } }, upsert: true } }));
    // One `update` command each (the driver batches consecutive updates): first upserts, then
    // updates of existing documents. Unpatched, each statement kept its query open until the
    // command returned, and statement 100 waited for a connection for ever.
    expect((await keys.bulkWrite(ops(1), { ordered: true })).upsertedCount).toBe(250);
    expect((await keys.bulkWrite(ops(2), { ordered: true })).modifiedCount).toBe(250);
    expect(await keys.countDocuments({ v: 2 })).toBe(250);
  });
});
