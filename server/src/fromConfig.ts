/**
 * Maps the validated environment configuration (SupervisorConfig) to Supervisor options.
 * Supervision timings not exposed as variables keep their production defaults.
 */
import { resolve } from 'node:path';
import type { SupervisorConfig } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import { withDefaults, type SupervisorOptions } from '@switchboard/supervisor';

/** Supervisor options for `mongoUri` (the database actually used, embedded or MONGODB_URI). */
export function supervisorOptionsFromConfig(config: SupervisorConfig, mongoUri: string, logger: Logger): SupervisorOptions {
  return withDefaults({
    logger,
    dataDir: resolve(config.DATA_DIR),
    actor: {
      mongoUri,
      authStorage: config.AUTH_STORAGE,
      logLevel: config.LOG_LEVEL,
      wa: {
        ...(config.WA_WEBSOCKET_URL ? { websocketUrl: config.WA_WEBSOCKET_URL } : {}),
        ...(config.WA_TRUST_ROOT ? { trustRootHex: config.WA_TRUST_ROOT } : {}),
        ...(config.WA_CA_CERT ? { caCertPath: resolve(config.WA_CA_CERT) } : {}),
      },
      preloadChats: { type: config.PRELOAD_CHATS_TYPE, limit: config.PRELOAD_CHATS_LIMIT },
    },
    limits: {
      heartbeatMs: config.ACTOR_HEARTBEAT_MS,
      rssBudgetBytes: config.ACTOR_RSS_BUDGET_MB * 1024 * 1024,
      deafAfterMs: config.ACTOR_DEAF_TIMEOUT_MS,
      linkTimeoutMs: config.SESSION_LINK_TIMEOUT_MS,
    },
    startConcurrency: config.SESSION_START_CONCURRENCY,
    // A cluster node may adopt several of a dead node's sessions at once: keep one more spare.
    warmActors: config.ACTOR_WARM_POOL ?? (config.CLUSTER_REDIS_URL ? 2 : 1),
  });
}
