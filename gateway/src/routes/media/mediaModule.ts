import type Router from '@koa/router';
import type { SessionHub } from '@switchboard/shared';
import { resolveJwtSecret, type JwtSecretConfig } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import { createMediaPool, type MediaPool } from '../../media-pool/index.ts';
import { mediaRouter } from './mediaRouter.ts';
import { DEFAULT_ALLOWED_TYPES } from './mediaStore.ts';

/** The media settings of the validated configuration. */
export interface MediaEnvConfig {
  MEDIA_MAX_BYTES: number;
  MEDIA_COMPRESS_ABOVE_BYTES: number;
}

/** A media router with its worker pool; `close()` stops the pool's threads. */
export interface MediaModule {
  router: Router;
  pool: MediaPool;
  close(): Promise<void>;
}

/**
 * Builds the media routes and their piscina pool from configuration. Mount with
 * `startGateway({ routers: [media.router] })` (or `createApp`) and close it on shutdown.
 * The JWT secret is the gateway's: given, or resolved from the config like the gateway does.
 */
export function createMediaModule(opts: {
  config: MediaEnvConfig & Partial<JwtSecretConfig>;
  jwtSecret?: string;
  hub: Pick<SessionHub, 'call'>;
  logger: Logger;
  maxThreads?: number;
}): MediaModule {
  const pool = createMediaPool({
    compressAboveBytes: opts.config.MEDIA_COMPRESS_ABOVE_BYTES,
    ...(opts.maxThreads ? { maxThreads: opts.maxThreads } : {}),
  });
  const router = mediaRouter({
    jwtSecret: opts.jwtSecret ?? resolveJwtSecret(opts.config as JwtSecretConfig),
    pool,
    hub: opts.hub,
    logger: opts.logger.child({ module: 'media' }),
    limits: { maxBytes: opts.config.MEDIA_MAX_BYTES, allowedTypes: DEFAULT_ALLOWED_TYPES },
  });
  return { router, pool, close: () => pool.close() };
}
