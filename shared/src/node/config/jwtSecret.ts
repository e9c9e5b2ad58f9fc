import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from './load.ts';

/** File (inside DATA_DIR) holding the generated development JWT secret. */
export const JWT_SECRET_FILE = 'jwt-secret';

/** The part of the configuration the JWT secret depends on. */
export interface JwtSecretConfig {
  NODE_ENV: 'development' | 'production' | 'test';
  DATA_DIR: string;
  JWT_SECRET?: string | undefined;
}

/**
 * Returns JWT_SECRET when set. Otherwise, outside production, returns the secret kept in
 * DATA_DIR/jwt-secret, generating it (48 random bytes, file mode 0600) on first use, so
 * tokens survive restarts without any default secret. In production a missing JWT_SECRET is
 * a ConfigError.
 */
export function resolveJwtSecret(config: JwtSecretConfig): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  if (config.NODE_ENV === 'production') {
    throw new ConfigError([{ variable: 'JWT_SECRET', message: 'is required when NODE_ENV=production' }]);
  }
  const dir = resolve(config.DATA_DIR);
  const file = join(dir, JWT_SECRET_FILE);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** Returns a copy of `config` with JWT_SECRET filled in by resolveJwtSecret. */
export function withJwtSecret<C extends JwtSecretConfig>(config: C): C & { JWT_SECRET: string } {
  return { ...config, JWT_SECRET: resolveJwtSecret(config) };
}
