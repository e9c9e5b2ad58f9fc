import type Router from '@koa/router';
import type { SessionHub } from '@switchboard/shared';
import type { Logger } from 'pino';
import type { GatewaySettings } from '../../config.ts';
import type { GatewayDeps } from '../../deps.ts';
import type { MediaPool } from '../../media-pool/index.ts';
import { createLimiters, DEFAULT_RATE_LIMITS } from '../../middlewares/rateLimit.ts';
import { mountRoutes } from '../mountRoutes.ts';
import { mediaRoutes } from './mediaRoutes.ts';
import type { UploadLimits } from './mediaStore.ts';

/** Dependencies of the stand-alone media router. */
export interface MediaRouterDeps {
  jwtSecret: string;
  pool: MediaPool;
  hub: Pick<SessionHub, 'call'>;
  logger: Logger;
  /** MEDIA_MAX_BYTES and the MIME allow-list of uploads. */
  limits: UploadLimits;
  /** Profile pictures are cached this long (default 24 h). */
  profilePictureTtlMs?: number;
  now?: () => Date;
}

/**
 * The media routes of the route table mounted on their own router, for a Koa app that is not
 * the gateway (the gateway's createApp already mounts them with every other route). Only the
 * settings the media routes read are real: the JWT secret, the hub, the logger and the clock.
 */
export function mediaRouter(deps: MediaRouterDeps): Router {
  const gateway = {
    config: { jwtSecret: deps.jwtSecret } as GatewaySettings,
    logger: deps.logger,
    hub: deps.hub as SessionHub,
    limiters: createLimiters(DEFAULT_RATE_LIMITS),
    now: deps.now ?? (() => new Date()),
    upload: { pool: deps.pool, limits: deps.limits, ...(deps.profilePictureTtlMs ? { profilePictureTtlMs: deps.profilePictureTtlMs } : {}) },
  } as GatewayDeps; // no email service: no media route sends mail
  return mountRoutes(gateway, mediaRoutes);
}
