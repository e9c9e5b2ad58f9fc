/**
 * @switchboard/shared/node — node-only code: mongoose models, database connection, GridFS media
 * storage, configuration, logging and seed. Never import this from the renderer.
 */
export * from './config/index.ts';
export * from './db/connect.ts';
export * from './db/fenceFilter.ts';
export * from './db/insertUnordered.ts';
export * from './db/driverWrites.ts';
export * from './db/findByIds.ts';
export * from './db/retryTransient.ts';
export * from './db/transientError.ts';
export * from './db/embeddedDb.ts';
export * from './db/openDatabase.ts';
export * from './logging/index.ts';
export * from './media/gridfs.ts';
export * from './media/dropMediaDocument.ts';
export * from './models/index.ts';
export * from './seed/index.ts';
export * from './util/keyedQueue.ts';
export * from './views/messageView.ts';
export * from './views/memberNames.ts';
