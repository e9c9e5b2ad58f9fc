import { resolveJwtSecret, type GatewayConfig as SharedGatewayConfig } from '@switchboard/shared/node';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig } from './middlewares/rateLimit.ts';

/** SMTP settings (the seed's SMTP_* variables). */
export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  fromEmail: string;
  fromName: string;
}

/** Scrape access of /metrics (METRICS_TOKEN, METRICS_ALLOW); see docs/metrics.md. */
export interface MetricsAccess {
  /** Bearer token a scraper must send; null: no token required (then `allow` must be set). */
  token: string | null;
  /** Client IPs / CIDRs allowed to scrape; empty: any address (then `token` must be set). */
  allow: string[];
}

/** What the gateway needs from configuration (derived once from the validated env config by `settingsFromConfig`). */
export interface GatewaySettings {
  /** JWT_SECRET: required, no default. */
  jwtSecret: string;
  /** JWT_EXPIRES_IN: a jsonwebtoken duration such as `12h` or seconds. */
  jwtExpiresIn: string | number;
  /** Allowed CORS origins besides the desktop app (always allowed); empty means same-origin only. */
  corsOrigins: string[];
  /** Maximum JSON body size: bytes, or a size such as `1mb` (JSON_BODY_LIMIT_BYTES). */
  bodyLimit: string | number;
  /** FRONTEND_URL: base of links in emails. */
  frontendUrl: string;
  /** DATA_DIR: development emails go to `<dataDir>/mail` when SMTP is not configured. */
  dataDir: string;
  /** SMTP settings, or null to write .eml files instead. */
  smtp: SmtpConfig | null;
  /** Operator alert recipients (OPS_EMAILS); when empty, active users who may manage sessions. */
  alertEmails: string[];
  /** Who may scrape GET /metrics; absent or both fields empty: /metrics answers 404. */
  metrics?: MetricsAccess;
  rateLimits: RateLimitConfig;
  /** TRUST_PROXY: behind one reverse proxy, the client address is the last X-Forwarded-For entry. */
  trustProxy: boolean;
  /** WEBHOOK_ALLOW_PRIVATE: webhooks may target loopback and private addresses (default false: SSRF guard). */
  webhookAllowPrivate?: boolean;
  /** DESKTOP_UPDATES_DIR: the desktop app's update files, served at /desktop/updates/; absent: none. */
  desktopUpdatesDir?: string;
}

/** The env-shaped configuration the gateway reads (a subset of shared's gateway/supervisor config). */
export type GatewayEnvConfig = Pick<
  SharedGatewayConfig,
  'NODE_ENV' | 'DATA_DIR' | 'PORT' | 'JWT_SECRET' | 'JWT_EXPIRES_IN' | 'CORS_ORIGINS' | 'FRONTEND_URL' | 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'SMTP_USER' | 'SMTP_PASS' | 'SMTP_FROM_EMAIL' | 'SMTP_FROM_NAME'
> &
  Partial<
    Pick<
      SharedGatewayConfig,
      | 'MEDIA_MAX_BYTES'
      | 'MEDIA_COMPRESS_ABOVE_BYTES'
      | 'JSON_BODY_LIMIT_BYTES'
      | 'RATE_LIMIT_LOGIN_PER_MINUTE'
      | 'RATE_LIMIT_FORGOT_PASSWORD_PER_HOUR'
      | 'RATE_LIMIT_SEND_PER_MINUTE'
      | 'RATE_LIMIT_UPLOAD_PER_MINUTE'
      | 'TRUST_PROXY'
      | 'METRICS_TOKEN'
      | 'METRICS_ALLOW'
      | 'OPS_EMAILS'
      | 'WEBHOOK_ALLOW_PRIVATE'
      | 'DESKTOP_UPDATES_DIR'
    >
  >;

/**
 * Derives the gateway's settings from the validated env configuration. JWT_SECRET has no
 * default: outside production a per-installation secret is generated in DATA_DIR (see
 * shared's resolveJwtSecret); in production it must be set.
 */
export function settingsFromConfig(cfg: GatewayEnvConfig): GatewaySettings {
  const expires = /^\d+$/.test(cfg.JWT_EXPIRES_IN) ? Number(cfg.JWT_EXPIRES_IN) : cfg.JWT_EXPIRES_IN;
  return {
    jwtSecret: resolveJwtSecret(cfg),
    jwtExpiresIn: expires,
    corsOrigins: cfg.CORS_ORIGINS,
    bodyLimit: cfg.JSON_BODY_LIMIT_BYTES ?? 1024 * 1024,
    frontendUrl: cfg.FRONTEND_URL ?? `http://localhost:${cfg.PORT}`,
    dataDir: cfg.DATA_DIR,
    smtp: cfg.SMTP_HOST
      ? {
          host: cfg.SMTP_HOST,
          port: cfg.SMTP_PORT,
          secure: cfg.SMTP_SECURE,
          ...(cfg.SMTP_USER ? { user: cfg.SMTP_USER } : {}),
          ...(cfg.SMTP_PASS ? { pass: cfg.SMTP_PASS } : {}),
          fromEmail: cfg.SMTP_FROM_EMAIL ?? `noreply@${cfg.SMTP_HOST}`,
          fromName: cfg.SMTP_FROM_NAME,
        }
      : null,
    alertEmails: cfg.OPS_EMAILS ?? [],
    metrics: { token: cfg.METRICS_TOKEN ?? null, allow: cfg.METRICS_ALLOW ?? [] },
    rateLimits: {
      loginPerMinute: cfg.RATE_LIMIT_LOGIN_PER_MINUTE ?? DEFAULT_RATE_LIMITS.loginPerMinute,
      forgotPasswordPerHour: cfg.RATE_LIMIT_FORGOT_PASSWORD_PER_HOUR ?? DEFAULT_RATE_LIMITS.forgotPasswordPerHour,
      sendPerMinute: cfg.RATE_LIMIT_SEND_PER_MINUTE ?? DEFAULT_RATE_LIMITS.sendPerMinute,
      ...(cfg.RATE_LIMIT_UPLOAD_PER_MINUTE ? { uploadPerMinute: cfg.RATE_LIMIT_UPLOAD_PER_MINUTE } : {}),
    },
    trustProxy: cfg.TRUST_PROXY ?? false,
    webhookAllowPrivate: cfg.WEBHOOK_ALLOW_PRIVATE ?? false,
    ...(cfg.DESKTOP_UPDATES_DIR ? { desktopUpdatesDir: cfg.DESKTOP_UPDATES_DIR } : {}),
  };
}
