import type Router from '@koa/router';
import type { SessionHub } from '@switchboard/shared';
import { resolveJwtSecret, type JwtSecretConfig } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import { createMediaPool, type MediaPool } from '../../media-pool/index.ts';
import { mediaRouter } from './mediaRouter.ts';
import { DEFAULT_ALLOWED_TYPES, type UploadLimits } from './mediaStore.ts';

/** The media settings of the validated configuration. */
export interface MediaEnvConfig {
  MEDIA_MAX_BYTES: number;
  MEDIA_COMPRESS_ABOVE_BYTES: number;
}

/** The media worker pool and upload limits; `close()` stops the pool's threads. */
export interface MediaModule {
  /** The media routes on their own router, for an app that is not createApp's (which mounts them itself). */
  router: Router;
  pool: MediaPool;
  /** Pass as `createApp({ upload })` to enable uploads and multipart sends. */
  upload: { pool: MediaPool; limits: UploadLimits };
  close(): Promise<void>;
}

/**
 * Builds the piscina media pool and upload limits from configuration; give `upload` to
 * `createApp` (startGateway does) and close the module on shutdown.
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
    logger: opts.logger,
    ...(opts.maxThreads ? { maxThreads: opts.maxThreads } : {}),
  });
  const limits: UploadLimits = { maxBytes: opts.config.MEDIA_MAX_BYTES, allowedTypes: DEFAULT_ALLOWED_TYPES };
  const router = mediaRouter({
    jwtSecret: opts.jwtSecret ?? resolveJwtSecret(opts.config as JwtSecretConfig),
    pool,
    hub: opts.hub,
    logger: opts.logger.child({ module: 'media' }),
    limits,
  });
  return { router, pool, upload: { pool, limits }, close: () => pool.close() };
}
