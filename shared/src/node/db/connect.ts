import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { ALL_MODELS } from '../models/index.ts';

/** Raised when the database cannot be reached or prepared; the message says what to check. */
export class DatabaseConnectError extends Error {
  override name = 'DatabaseConnectError';
  readonly code = 'DATABASE_UNAVAILABLE';
}

/** Options of connectDatabase. */
export interface ConnectDatabaseOptions {
  /** Connection pool size (actors use a small one). Default 10. */
  maxPoolSize?: number;
  /** How long to wait for the server. Default 10 s. */
  serverSelectionTimeoutMs?: number;
  /** Create collections and sync indexes of every model. Default true; actors may pass false. */
  syncIndexes?: boolean;
}

/**
 * How often the driver's connection pool looks after itself (prunes stale connections; tops up
 * to minPoolSize, which we leave at 0). The driver's default is every 100 ms: ten timer wake-ups
 * a second in every process, ~1.5 ms of CPU a second per idle session actor on the build machine,
 * more than the rest of an idle actor's work. A connection that went stale meanwhile is still
 * dropped when it is next checked out. `minPoolSizeCheckFrequencyMS` is an internal pool option
 * the driver reads from the client's parsed options (it refuses it as a connection option, hence
 * set on them before connect); `connect.test.ts` fails if a driver update stops honouring it.
 */
export const POOL_MAINTENANCE_EVERY_MS = 5_000;

/** Removes the password from a connection string so it can be shown or logged. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

/**
 * Connects the default mongoose connection to `uri` and makes every model's collection and
 * indexes exist (syncIndexes: missing indexes are created, indexes no longer declared are
 * dropped). Throws DatabaseConnectError with a readable reason.
 */
export async function connectDatabase(
  uri: string,
  logger: Logger,
  opts: ConnectDatabaseOptions = {},
): Promise<typeof mongoose> {
  const log = logger.child({ module: 'db' });
  mongoose.set('strictQuery', true);
  mongoose.set('autoIndex', false);
  mongoose.set('autoCreate', false);
  let client: InstanceType<typeof mongoose.mongo.MongoClient> | undefined;
  try {
    // mongoose's own driver (instanceof checks in setClient), the client built here so the pool
    // option can be set before it connects.
    client = new mongoose.mongo.MongoClient(uri, {
      maxPoolSize: opts.maxPoolSize ?? 10,
      serverSelectionTimeoutMS: opts.serverSelectionTimeoutMs ?? 10_000,
    });
    (client.options as { minPoolSizeCheckFrequencyMS?: number }).minPoolSizeCheckFrequencyMS = POOL_MAINTENANCE_EVERY_MS;
    await client.connect();
    mongoose.connection.setClient(client);
  } catch (err) {
    await client?.close().catch(() => undefined);
    throw new DatabaseConnectError(
      `Cannot connect to the database at ${redactUri(uri)}: ${(err as Error).message}. ` +
        'Check MONGODB_URI, or unset it to use the embedded database.',
      { cause: err },
    );
  }
  if (opts.syncIndexes ?? true) {
    for (const model of ALL_MODELS) {
      try {
        await model.createCollection();
        const dropped = await model.syncIndexes();
        if (dropped.length) log.warn({ model: model.modelName, dropped }, 'dropped undeclared indexes');
      } catch (err) {
        throw new DatabaseConnectError(
          `Cannot prepare collection ${model.collection.collectionName}: ${(err as Error).message}`,
          { cause: err },
        );
      }
    }
  }
  log.info({ uri: redactUri(uri), db: mongoose.connection.name }, 'database connected');
  return mongoose;
}

/** Closes the default mongoose connection (no-op when not connected). */
export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}
