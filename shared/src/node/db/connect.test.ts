import mongoose from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../tests/support/freePort.ts';
import { testDbUri } from '../../../../tests/support/testDb.ts';
import { silentLogger } from '../logging/logger.ts';
import { Session } from '../models/index.ts';
import { connectDatabase, DatabaseConnectError, disconnectDatabase, POOL_MAINTENANCE_EVERY_MS } from './connect.ts';

/** The connection pools of the default connection's client (driver internals, read to check they took our option). */
function poolOptions(): { minPoolSizeCheckFrequencyMS?: number; maxPoolSize?: number }[] {
  const topology = (mongoose.connection.getClient() as unknown as { topology?: { s: { servers: Map<string, { pool: { options: object } }> } } }).topology;
  return [...(topology?.s.servers.values() ?? [])].map((s) => s.pool.options);
}

afterEach(async () => {
  await disconnectDatabase();
});

describe('connectDatabase', () => {
  it('connects mongoose with its pool looking after itself every few seconds, not ten times a second', async () => {
    await connectDatabase(testDbUri('shared_connect'), silentLogger(), { maxPoolSize: 3, syncIndexes: false });
    expect(mongoose.connection.readyState).toBe(1);
    await Session.create({ sessionId: 'c1', name: 'c1' });
    expect((await Session.findOne({ sessionId: 'c1' }).lean())?.name).toBe('c1');
    const pools = poolOptions();
    expect(pools.length).toBeGreaterThan(0);
    for (const options of pools) expect(options).toMatchObject({ minPoolSizeCheckFrequencyMS: POOL_MAINTENANCE_EVERY_MS, maxPoolSize: 3 });
    await Session.deleteMany({ sessionId: 'c1' });
  });

  it('connects again after a disconnect (tests and restarts of the embedded database do this)', async () => {
    await connectDatabase(testDbUri('shared_connect'), silentLogger(), { syncIndexes: false });
    await disconnectDatabase();
    expect(mongoose.connection.readyState).toBe(0);
    await connectDatabase(testDbUri('shared_connect'), silentLogger(), { syncIndexes: false });
    expect(await Session.countDocuments({ sessionId: 'nobody' })).toBe(0);
  });

  it('says what to check when nothing answers, and leaves mongoose disconnected', async () => {
    const port = await freePort();
    const err = await connectDatabase(`mongodb://127.0.0.1:${port}/x`, silentLogger(), { serverSelectionTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseConnectError);
    expect((err as Error).message).toMatch(new RegExp(`Cannot connect to the database at mongodb://127.0.0.1:${port}/x: .*Check MONGODB_URI`));
    expect(mongoose.connection.readyState).toBe(0);
  });

  it('refuses a malformed connection string with the same error', async () => {
    const err = await connectDatabase('mongodb://', silentLogger()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseConnectError);
  });
});
