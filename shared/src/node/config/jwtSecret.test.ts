import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JWT_SECRET_FILE, resolveJwtSecret, withJwtSecret } from './jwtSecret.ts';
import { ConfigError } from './load.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sb-jwt-'));
  dirs.push(d);
  return join(d, 'nested');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('resolveJwtSecret', () => {
  it('uses JWT_SECRET when set', () => {
    expect(resolveJwtSecret({ NODE_ENV: 'production', DATA_DIR: '/nonexistent', JWT_SECRET: 's'.repeat(32) })).toBe('s'.repeat(32));
  });

  it('generates a secret once in development, keeps it private, and reuses it', () => {
    const DATA_DIR = tempDir();
    const first = resolveJwtSecret({ NODE_ENV: 'development', DATA_DIR });
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = join(DATA_DIR, JWT_SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(withJwtSecret({ NODE_ENV: 'test', DATA_DIR }).JWT_SECRET).toBe(first);
    expect(resolveJwtSecret({ NODE_ENV: 'development', DATA_DIR: tempDir() })).not.toBe(first);
  });

  it('refuses to invent a secret in production', () => {
    expect(() => resolveJwtSecret({ NODE_ENV: 'production', DATA_DIR: tempDir() })).toThrow(ConfigError);
  });
});
