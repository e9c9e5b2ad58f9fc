import { join } from 'node:path';
import type mongoose from 'mongoose';
import type { Logger } from 'pino';
import { connectDatabase, disconnectDatabase, redactUri, type ConnectDatabaseOptions } from './connect.ts';
import { startEmbeddedDb, type EmbeddedDb, type EmbeddedDbWatchEvent } from './embeddedDb.ts';

/** Database name used on the embedded server (MONGODB_URI names its own). */
export const EMBEDDED_DB_NAME = 'switchboard';

/** The configuration openDatabase reads. */
export interface OpenDatabaseConfig {
  MONGODB_URI?: string | undefined;
  DATA_DIR: string;
}

/** An open database, embedded or external. */
export interface OpenDatabase {
  /** Connection string including the database name (give it to actors). */
  uri: string;
  /** The embedded server when one was started, else null. */
  embedded: EmbeddedDb | null;
  mongoose: typeof mongoose;
  /** Disconnects mongoose, then stops the embedded server if there is one. */
  close(): Promise<void>;
}

/**
 * Connects to MONGODB_URI, or, when it is unset, starts the embedded database (FerretDB) with
 * its files in DATA_DIR/db and connects to database 'switchboard' on it. Then syncs indexes
 * (connectDatabase). The entry point of every process that owns the database.
 */
export async function openDatabase(
  config: OpenDatabaseConfig,
  logger: Logger,
  opts: ConnectDatabaseOptions = {},
): Promise<OpenDatabase> {
  let embedded: EmbeddedDb | null = null;
  let uri = config.MONGODB_URI;
  if (!uri) {
    const dataDir = join(config.DATA_DIR, 'db');
    const log = logger.child({ module: 'db' });
    embedded = await startEmbeddedDb({ dataDir, onWatchEvent: (event) => logWatchEvent(log, event) });
    const u = new URL(embedded.uri);
    u.pathname = `/${EMBEDDED_DB_NAME}`;
    uri = u.toString();
    log.info({ dataDir, uri: redactUri(uri), pid: embedded.pid }, 'embedded database started');
  }
  try {
    const m = await connectDatabase(uri, logger, opts);
    const server = embedded;
    return {
      uri,
      embedded,
      mongoose: m,
      async close() {
        await disconnectDatabase();
        await server?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

function logWatchEvent(log: Logger, event: EmbeddedDbWatchEvent): void {
  if (event.type === 'exited') log.error(event, 'embedded database died: restarting it');
  else if (event.type === 'restarted') log.warn(event, 'embedded database restarted');
  else log.error(event, 'embedded database restart failed');
}
