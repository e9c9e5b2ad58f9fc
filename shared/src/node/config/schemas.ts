import { z } from 'zod';
import { LOG_LEVELS } from '../logging/logger.ts';
import { bool, cidrList, cron, duration, emailList, existingDir, existingFile, hex, httpUrl, int, list, mongoUri, nodeId, oneOf, port, redisUrl, secret, wsUrl } from './fields.ts';

// One line per environment variable. Adding a variable: one line here, one entry in
// .env.example (a test checks both list the same names).

/** Variables every process reads. */
export const commonShape = {
  NODE_ENV: oneOf(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: oneOf(LOG_LEVELS).default('info'),
  DATA_DIR: z.string().default('./data'),
  MONGODB_URI: mongoUri().optional(),
  AUTH_STORAGE: oneOf(['mongo', 'file']).default('mongo'),
};

/** Variables of a session actor (the supervisor passes them to actors at init). */
export const actorShape = {
  WA_WEBSOCKET_URL: wsUrl().optional(),
  WA_TRUST_ROOT: hex().optional(),
  WA_CA_CERT: existingFile().optional(),
  PRELOAD_CHATS_TYPE: oneOf(['individual', 'group', 'all']).default('individual'),
  PRELOAD_CHATS_LIMIT: int(0, 10_000).default(30),
  ACTOR_HEARTBEAT_MS: int(500, 600_000).default(5_000),
  MEDIA_MAX_BYTES: int(1, 2 ** 31).default(100 * 1024 * 1024),
  MEDIA_COMPRESS_ABOVE_BYTES: int(0, 2 ** 31).default(5 * 1024 * 1024),
};

/** Variables of the gateway (HTTP, auth, email). */
export const gatewayShape = {
  PORT: port().default(5000),
  JWT_SECRET: secret(32).optional(),
  JWT_EXPIRES_IN: duration().default('12h'),
  CORS_ORIGINS: list().default([]),
  FRONTEND_URL: httpUrl().optional(),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: port().default(587),
  SMTP_SECURE: bool().default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_FROM_EMAIL: z.email({ error: 'must be an email address' }).optional(),
  SMTP_FROM_NAME: z.string().default('Switchboard'),
  MEDIA_MAX_BYTES: actorShape.MEDIA_MAX_BYTES,
  MEDIA_COMPRESS_ABOVE_BYTES: actorShape.MEDIA_COMPRESS_ABOVE_BYTES,
  JSON_BODY_LIMIT_BYTES: int(1_024, 64 * 1024 * 1024).default(1024 * 1024),
  RATE_LIMIT_LOGIN_PER_MINUTE: int(1, 1_000_000).default(10),
  RATE_LIMIT_FORGOT_PASSWORD_PER_HOUR: int(1, 1_000_000).default(5),
  RATE_LIMIT_SEND_PER_MINUTE: int(1, 1_000_000).default(120),
  RATE_LIMIT_UPLOAD_PER_MINUTE: int(1, 1_000_000).optional(), // default in the gateway's rate limits (30)
  TRUST_PROXY: bool().default(false),
  METRICS_TOKEN: secret(16).optional(),
  METRICS_ALLOW: cidrList().default([]),
  OPS_EMAILS: emailList().default([]),
  WEBHOOK_ALLOW_PRIVATE: bool().default(false), // webhooks to loopback/private addresses (docs/webhooks.md)
  DESKTOP_UPDATES_DIR: existingDir().optional(), // the desktop app's update files, served at /desktop/updates/ (docs/desktop.md)
};

/** Variables of the seed (first admin). */
export const seedShape = {
  ADMIN_NAME: z.string().min(1).default('Admin'),
  ADMIN_EMAIL: z.email({ error: 'must be an email address' }).default('admin@example.com'),
  ADMIN_PASSWORD: secret(8).optional(),
};

/** Variables of the supervisor engine and scheduler. */
export const supervisorShape = {
  ACTOR_RSS_BUDGET_MB: int(64, 65_536).default(512),
  ACTOR_DEAF_TIMEOUT_MS: int(1_000, 86_400_000).default(300_000),
  /** A session nobody links (QR or pairing code) for this long is stopped; 0 never stops it. */
  SESSION_LINK_TIMEOUT_MS: int(0, 86_400_000).default(600_000),
  SESSION_START_CONCURRENCY: int(1, 1_000).default(8),
  /** Spare actor processes kept loaded for the next start; default 1, or 2 in cluster mode. */
  ACTOR_WARM_POOL: int(0, 64).optional(),
  HEALTH_CHECK_CRON: cron().default('*/5 * * * *'),
  CLEANUP_CRON: cron().default('0 */6 * * *'),
  PROFILE_PICTURE_REFRESH_CRON: cron().default('17 * * * *'),
};

/** Variables of cluster mode (docs/cluster.md); unset CLUSTER_REDIS_URL = one node, no Redis. */
export const clusterShape = {
  CLUSTER_REDIS_URL: redisUrl().optional(),
  NODE_ID: nodeId().optional(), // default: hostname-pid
  CLUSTER_LEASE_MS: int(3_000, 600_000).default(15_000),
  PUBLIC_URL: httpUrl().optional(), // this node's gateway URL in its cluster record; default http://127.0.0.1:<PORT>
};

function requireSecretInProduction(cfg: { NODE_ENV: string; JWT_SECRET?: string | undefined }, ctx: z.RefinementCtx): void {
  if (cfg.NODE_ENV === 'production' && !cfg.JWT_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });
  }
}

function requireSharedDatabase(cfg: { CLUSTER_REDIS_URL?: string | undefined; MONGODB_URI?: string | undefined; AUTH_STORAGE: string }, ctx: z.RefinementCtx): void {
  if (cfg.CLUSTER_REDIS_URL && !cfg.MONGODB_URI) {
    ctx.addIssue({ code: 'custom', path: ['MONGODB_URI'], message: 'is required when CLUSTER_REDIS_URL is set (the nodes of a cluster share one database)' });
  }
  if (cfg.CLUSTER_REDIS_URL && cfg.AUTH_STORAGE !== 'mongo') {
    ctx.addIssue({ code: 'custom', path: ['AUTH_STORAGE'], message: 'must be mongo when CLUSTER_REDIS_URL is set (another node adopts a session with the credentials in the database)' });
  }
}

/** Configuration of a session actor process. */
export const actorConfigSchema = z.object({ ...commonShape, ...actorShape });
/** Configuration of the gateway (when composed on its own, e.g. in tests). */
export const gatewayConfigSchema = z.object({ ...commonShape, ...gatewayShape }).superRefine(requireSecretInProduction);
/** Configuration of `pnpm seed`. */
export const seedConfigSchema = z.object({ ...commonShape, ...seedShape });
/**
 * Configuration of the root `switchboard` process: it runs the supervisor, gateway, scheduler
 * and seed, and hands the actor part to its children, so it reads every variable.
 */
export const supervisorConfigSchema = z
  .object({ ...commonShape, ...actorShape, ...gatewayShape, ...seedShape, ...supervisorShape, ...clusterShape })
  .superRefine(requireSecretInProduction)
  .superRefine(requireSharedDatabase);

/** Typed configuration common to every process. */
export type CommonConfig = z.output<z.ZodObject<typeof commonShape>>;
/** Typed configuration of a session actor. */
export type ActorConfig = z.output<typeof actorConfigSchema>;
/** Typed configuration of the gateway. */
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
/** Typed configuration of `pnpm seed`. */
export type SeedConfig = z.output<typeof seedConfigSchema>;
/** Typed configuration of the root process (every variable). */
export type SupervisorConfig = z.output<typeof supervisorConfigSchema>;

/** Every environment variable Switchboard reads, sorted. */
export const CONFIG_VARIABLES: readonly string[] = [
  ...new Set([...Object.keys(commonShape), ...Object.keys(actorShape), ...Object.keys(gatewayShape), ...Object.keys(seedShape), ...Object.keys(supervisorShape), ...Object.keys(clusterShape)]),
].sort();
