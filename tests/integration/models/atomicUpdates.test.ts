import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbUri } from '../../support/testDb.ts';

// MongoDB applies each single-document update atomically; Switchboard's counters, event
// sequence numbers and outbox claims rely on it. FerretDB's SQLite backend does not, so the
// embedded server serialises requests (shared/embedded-db/serialize.go). This guards that.
describe('single-document updates are atomic under concurrency', () => {
  let client: InstanceType<typeof mongoose.mongo.MongoClient>;
  beforeAll(async () => {
    client = await mongoose.mongo.MongoClient.connect(testDbUri('atomic'), { maxPoolSize: 20 });
  });
  afterAll(async () => {
    await client.close();
  });

  it('loses no $inc when 50 run in parallel', async () => {
    const col = client.db().collection<{ _id: string; n: number }>('counters');
    await col.insertOne({ _id: 'c', n: 0 });
    await Promise.all(Array.from({ length: 50 }, () => col.updateOne({ _id: 'c' }, { $inc: { n: 1 } })));
    expect((await col.findOne({ _id: 'c' }))?.n).toBe(50);
  });

  it('hands each findOneAndUpdate caller a distinct value', async () => {
    const col = client.db().collection<{ _id: string; n: number }>('seq');
    await col.insertOne({ _id: 's', n: 0 });
    const got = await Promise.all(
      Array.from({ length: 30 }, () => col.findOneAndUpdate({ _id: 's' }, { $inc: { n: 1 } }, { returnDocument: 'after' })),
    );
    expect(new Set(got.map((d) => d?.n)).size).toBe(30);
  });

  it('lets exactly one of many callers claim a pending document', async () => {
    const col = client.db().collection<{ _id: string; status: string }>('claims');
    await col.insertOne({ _id: 'm', status: 'pending' });
    const claims = await Promise.all(
      Array.from({ length: 20 }, () => col.updateOne({ _id: 'm', status: 'pending' }, { $set: { status: 'sending' } })),
    );
    expect(claims.reduce((sum, r) => sum + r.modifiedCount, 0)).toBe(1);
  });
});
