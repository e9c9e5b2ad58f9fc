/**
 * The FerretDB patches (ferretdbPatches.ts) on the run's database server: what each fixes
 * behaves as MongoDB does. On MongoDB (MONGODB_URI) the same assertions hold trivially.
 */
import { MongoClient, ObjectId } from 'mongodb';
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

  it('answers equality filters on strings and booleans (narrowed in SQLite, through indexes) exactly as MongoDB does', async () => {
    const docs = client.db().collection<{ _id: number; s?: unknown; b?: unknown; n?: number }>('pushdown');
    await docs.deleteMany({});
    // Indexed: plain strings and booleans are looked up through these (see the plan below).
    await docs.createIndex({ s: 1, n: 1 });
    await docs.createIndex({ b: 1 });
    const tricky = 'a<b>&"\\é\u2028';
    await docs.insertMany([
      { _id: 1, s: 'a', b: true },
      { _id: 2, s: ['x', 'a'], b: false },
      { _id: 3, s: tricky },
      { _id: 4, s: 5 },
      { _id: 5, s: '5' },
      { _id: 6, b: 1 },
      { _id: 7 },
      { _id: 8, s: null },
      { _id: 9, s: { a: 'a' } },
      { _id: 10, s: 'A', b: [true] },
    ]);
    const ids = async (filter: object) => (await docs.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ s: 'a' })).toEqual([1, 2]);
    expect(await ids({ s: tricky })).toEqual([3]);
    expect(await ids({ s: '5' })).toEqual([5]);
    expect(await ids({ b: true })).toEqual([1, 10]);
    expect(await ids({ b: false })).toEqual([2]);
    expect(await ids({ s: 'a', b: true })).toEqual([1]);
    expect(await ids({ s: 'A' })).toEqual([10]);
    expect(await ids({ s: 'missing' })).toEqual([]);
    // $in lists of plain strings and booleans go through the index too; a list with anything
    // else (null matches a missing field) is left to the handler.
    expect(await ids({ s: { $in: ['a', '5'] } })).toEqual([1, 2, 5]);
    expect(await ids({ s: { $in: ['a', null] } })).toEqual([1, 2, 6, 7, 8]);
    expect(await ids({ s: { $in: [tricky, 'A'] } })).toEqual([3, 10]);
    expect(await ids({ b: { $in: [false] } })).toEqual([2]);
    expect(await ids({ _id: { $in: [3, 1] } })).toEqual([1, 3]);
    expect(JSON.stringify(await docs.find({ s: { $in: ['a', '5'] } }).explain())).toMatch(/USING INDEX \S+_s_1_n_1|IXSCAN/);
    // Clauses of an $and (how the gateway scopes its filters) narrow too, and an $or when each
    // of its clauses does (an employee's scope); an $or with a clause that does not is left alone.
    expect(await ids({ $and: [{ $or: [{}] }, { s: 'a' }] })).toEqual([1, 2]);
    expect(await ids({ $and: [{ s: 'a' }, { $or: [{ b: true }] }] })).toEqual([1]);
    expect(await ids({ $or: [{ s: 'a' }, { s: '5' }] })).toEqual([1, 2, 5]);
    expect(await ids({ $or: [{ s: 'a', b: true }, { s: { $in: ['A', tricky] } }] })).toEqual([1, 3, 10]);
    expect(await ids({ $or: [{ s: 'a' }, { n: { $exists: false } }] })).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await ids({ $and: [{ b: true }, { $or: [{ s: 'a' }, { s: 'A' }] }] })).toEqual([1, 10]);
    expect(JSON.stringify(await docs.find({ $or: [{ s: 'a' }, { s: '5' }] }).explain())).toMatch(/USING INDEX \S+_s_1_n_1|IXSCAN/);
    expect(JSON.stringify(await docs.find({ $and: [{ $or: [{}] }, { s: 'a' }] }).explain())).toMatch(/USING INDEX \S+_s_1_n_1|IXSCAN/);
    // Searched in the index, not read row by row (FerretDB: SQLite's plan; MongoDB: IXSCAN).
    const plan = JSON.stringify(await docs.find({ s: 'a' }).explain());
    expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+_s_1_n_1 \(<expr>=\?\)|IXSCAN/);
    expect(JSON.stringify(await docs.find({ b: true, s: tricky }).explain())).toMatch(/USING INDEX \S+_b_1|IXSCAN/);
    // count, update and delete go through the same narrowing.
    expect(await docs.countDocuments({ s: 'a' })).toBe(2);
    expect((await docs.updateMany({ s: 'a' }, { $set: { n: 1 } })).modifiedCount).toBe(2);
    expect(await ids({ n: 1 })).toEqual([1, 2]);
    expect((await docs.deleteMany({ s: '5' })).deletedCount).toBe(1);
    expect(await ids({})).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10]);
  });

  it('looks up an $in list of string and ObjectId _ids in the _id index', async () => {
    const docs = client.db().collection<{ _id: string | ObjectId | number; v: number }>('idlists');
    await docs.deleteMany({});
    const oid = new ObjectId();
    await docs.insertMany([{ _id: 'a', v: 1 }, { _id: 'b"<', v: 2 }, { _id: oid, v: 3 }, { _id: 7, v: 4 }]);
    const vs = async (filter: object) => (await docs.find(filter).sort({ v: 1 }).toArray()).map((d) => d.v);
    expect(await vs({ _id: { $in: ['a', 'b"<', oid, 'x'] } })).toEqual([1, 2, 3]);
    expect(await vs({ _id: { $in: ['a', 7] } })).toEqual([1, 4]);
    expect(await vs({ _id: { $in: ['a', oid] }, v: { $gt: 1 } })).toEqual([3]);
    expect(JSON.stringify(await docs.find({ _id: { $in: ['a', oid] } }).explain())).toMatch(/USING INDEX \S+__id_|IXSCAN/);
  });

  it('counts every document without reading fields, and groups that do read fields still see them', async () => {
    const docs = client.db().collection<{ _id: number; s: string; n: number }>('counts');
    await docs.deleteMany({});
    await docs.insertMany(Array.from({ length: 30 }, (_, i) => ({ _id: i, s: i % 3 === 0 ? 'x' : 'y', n: i })));
    // countDocuments: $match + $group { _id: 1, n: { $sum: 1 } }.
    expect(await docs.countDocuments({})).toBe(30);
    expect(await docs.countDocuments({ $and: [{}] })).toBe(30);
    expect(await docs.countDocuments({ $or: [{}, { $and: [{}] }] })).toBe(30);
    expect(await docs.countDocuments({ $and: [{}, { s: 'x' }] })).toBe(10);
    // A group by a field needs the documents.
    const byS = await docs.aggregate<{ _id: string; c: number }>([{ $match: {} }, { $group: { _id: '$s', c: { $sum: 1 } } }]).toArray();
    expect(byS.sort((a, b) => a._id.localeCompare(b._id))).toEqual([{ _id: 'x', c: 10 }, { _id: 'y', c: 20 }]);
    expect(await docs.aggregate([{ $match: {} }, { $group: { _id: null, twice: { $sum: 2 } } }]).toArray()).toEqual([{ _id: null, twice: 60 }]);
  });

  it('answers date ranges (narrowed in SQLite) exactly as MongoDB does', async () => {
    const docs = client.db().collection<{ _id: number; d?: unknown }>('dateranges');
    await docs.deleteMany({});
    const at = (ms: number) => new Date(Date.UTC(2026, 11, 5) + ms);
    await docs.insertMany([
      { _id: 1, d: at(0) },
      { _id: 2, d: at(1000) },
      { _id: 3, d: at(-1000) },
      { _id: 4, d: [at(-5000), at(5000)] },
      { _id: 5, d: at(1000).getTime() },
      { _id: 6, d: at(1000).toISOString() },
      { _id: 7, d: null },
      { _id: 8 },
      { _id: 9, d: { d: at(1000) } },
    ]);
    const ids = async (filter: object) => (await docs.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ d: { $gte: at(0) } })).toEqual([1, 2, 4]);
    expect(await ids({ d: { $gt: at(0) } })).toEqual([2, 4]);
    expect(await ids({ d: { $lt: at(0) } })).toEqual([3, 4]);
    // An array matches when each condition holds for one of its elements, not necessarily the same.
    expect(await ids({ d: { $lte: at(0), $gt: at(-2000) } })).toEqual([1, 3, 4]);
    expect(await ids({ d: { $gte: at(0), $ne: at(1000) } })).toEqual([1, 4]);
    expect(await ids({ $and: [{ d: { $gt: at(-1) } }, { d: { $lt: at(1) } }] })).toEqual([1, 4]);
    expect(await docs.countDocuments({ d: { $gte: at(0) } })).toBe(3);
  });
});
