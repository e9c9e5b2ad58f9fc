import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Opens a Redis connection (cluster mode) that logs its errors instead of throwing them: one
 * warning when it goes down, one line when it is back; ioredis reconnects by itself.
 */
export function openRedis(url: string, logger: Logger, name: string): Redis {
  const redis = new Redis(url, { connectionName: name, maxRetriesPerRequest: 2 });
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) logger.warn({ err, connection: name }, 'redis connection failed, reconnecting');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info({ connection: name }, 'redis connection back');
    down = false;
  });
  return redis;
}
