import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { redactDeep } from './redact.ts';

/** Log levels accepted by LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The part of the configuration logging needs. */
export interface LoggingConfig {
  NODE_ENV: 'development' | 'production' | 'test';
  LOG_LEVEL: LogLevel;
}

/** Options of createLogger. */
export interface CreateLoggerOptions {
  /** Process or component name, written as `name` on every line (e.g. 'supervisor', 'actor'). */
  name: string;
  /** Extra fields on every line (e.g. { sessionId }). */
  base?: Record<string, unknown>;
  /** Write here instead of stdout (tests, files). Disables pino-pretty. */
  destination?: DestinationStream;
}

/**
 * Paths pino redacts natively. Besides the HTTP shapes, the top-level secret names matter for
 * child-logger bindings, which pino serializes once without the `log` formatter.
 */
const REDACT_PATHS = [
  ...[
    'password', 'passwordHash', 'newPassword', 'currentPassword', 'token', 'accessToken', 'refreshToken',
    'resetToken', 'jwt', 'secret', 'JWT_SECRET', 'SMTP_PASS', 'METRICS_TOKEN', 'apiKey', 'authorization', 'cookie', 'creds',
    'keys', 'noiseKey', 'signedIdentityKey', 'signedPreKey', 'identityKey', 'advSecretKey', 'privKey', 'qr',
    'pairingCode', 'text', 'caption', 'body', 'data',
  ],
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/**
 * Creates the root pino logger of a process. Secrets (authorization headers, tokens,
 * passwords, key material such as creds/noiseKey/signedIdentityKey) and message bodies (text,
 * caption) are redacted at any depth. pino-pretty is used only in development on stdout.
 * Make module loggers with `logger.child({ module: 'x', sessionId })`.
 */
export function createLogger(config: LoggingConfig, opts: CreateLoggerOptions): Logger {
  const options: LoggerOptions = {
    name: opts.name,
    level: config.LOG_LEVEL,
    base: { pid: process.pid, ...opts.base },
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    formatters: { log: (obj) => redactDeep(obj) as Record<string, unknown> },
    serializers: { err: pino.stdSerializers.err },
  };
  if (opts.destination) return pino(options, opts.destination);
  if (config.NODE_ENV === 'development') {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  return pino(options);
}

/** A logger that writes nothing (tests and tools that need a Logger argument). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
