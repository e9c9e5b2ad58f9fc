import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseDotenv } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.ts';
import { CONFIG_VARIABLES, actorConfigSchema, gatewayConfigSchema, supervisorConfigSchema } from './schemas.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(supervisorConfigSchema, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => p.variable);
  }
  return [];
}

describe('loadConfig', () => {
  it('applies documented defaults to an empty environment', () => {
    const c = loadConfig(supervisorConfigSchema, {});
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      PORT: 5000,
      AUTH_STORAGE: 'mongo',
      DATA_DIR: './data',
      JWT_EXPIRES_IN: '12h',
      PRELOAD_CHATS_TYPE: 'individual',
      PRELOAD_CHATS_LIMIT: 30,
      SMTP_PORT: 587,
      SMTP_SECURE: false,
      HEALTH_CHECK_CRON: '*/5 * * * *',
      CLEANUP_CRON: '0 */6 * * *',
      CORS_ORIGINS: [],
    });
    expect(c.MONGODB_URI).toBeUndefined();
    expect(c.JWT_SECRET).toBeUndefined();
  });

  it('converts numbers, booleans and lists, and treats empty values as unset', () => {
    const c = loadConfig(supervisorConfigSchema, {
      PORT: '8080',
      SMTP_SECURE: 'TRUE',
      CORS_ORIGINS: 'http://a.test, http://b.test,',
      SMTP_HOST: '   ',
      MONGODB_URI: 'mongodb://db:27017/sb',
    });
    expect(c.PORT).toBe(8080);
    expect(c.SMTP_SECURE).toBe(true);
    expect(c.CORS_ORIGINS).toEqual(['http://a.test', 'http://b.test']);
    expect(c.SMTP_HOST).toBeUndefined();
    expect(c.MONGODB_URI).toBe('mongodb://db:27017/sb');
  });

  it('lists every problem at once', () => {
    expect(
      problemsOf({
        PORT: 'abc',
        AUTH_STORAGE: 'disk',
        PRELOAD_CHATS_TYPE: 'some',
        MONGODB_URI: 'http://x',
        HEALTH_CHECK_CRON: 'often',
        WA_TRUST_ROOT: 'xyz',
        SMTP_FROM_EMAIL: 'nobody',
        DESKTOP_UPDATES_DIR: join(here, 'load.test.ts'),
      }).sort(),
    ).toEqual(['AUTH_STORAGE', 'DESKTOP_UPDATES_DIR', 'HEALTH_CHECK_CRON', 'MONGODB_URI', 'PORT', 'PRELOAD_CHATS_TYPE', 'SMTP_FROM_EMAIL', 'WA_TRUST_ROOT']);
    expect(problemsOf({ DESKTOP_UPDATES_DIR: here })).toEqual([]);
  });

  it('rejects short secrets without echoing them', () => {
    const err = (() => {
      try {
        loadConfig(gatewayConfigSchema, { JWT_SECRET: 'super-secret-change-me' });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(err.problems).toEqual([{ variable: 'JWT_SECRET', message: 'must be at least 32 characters long (value hidden)' }]);
    expect(err.message).not.toContain('super-secret-change-me');
  });

  it('reads cluster mode: off by default, bad values named one by one', () => {
    const single = loadConfig(supervisorConfigSchema, {});
    expect(single.CLUSTER_REDIS_URL).toBeUndefined();
    expect(single.CLUSTER_LEASE_MS).toBe(15_000);
    const c = loadConfig(supervisorConfigSchema, { MONGODB_URI: 'mongodb://db/sb', CLUSTER_REDIS_URL: 'redis://10.0.0.5:6379', NODE_ID: 'node-1', CLUSTER_LEASE_MS: '6000', PUBLIC_URL: 'http://10.0.0.11:5000' });
    expect(c).toMatchObject({ CLUSTER_REDIS_URL: 'redis://10.0.0.5:6379', NODE_ID: 'node-1', CLUSTER_LEASE_MS: 6000, PUBLIC_URL: 'http://10.0.0.11:5000' });
    // The nodes share one database: the embedded one (no MONGODB_URI) is per node.
    expect(problemsOf({ CLUSTER_REDIS_URL: 'redis://10.0.0.5:6379' })).toEqual(['MONGODB_URI']);
    expect(problemsOf({ MONGODB_URI: 'mongodb://db/sb', CLUSTER_REDIS_URL: 'redis://10.0.0.5:6379', AUTH_STORAGE: 'file' })).toEqual(['AUTH_STORAGE']);
    expect(problemsOf({ MONGODB_URI: 'mongodb://db/sb', CLUSTER_REDIS_URL: 'http://10.0.0.5', NODE_ID: 'node 1', CLUSTER_LEASE_MS: '500', PUBLIC_URL: 'node-1:5000' }).sort()).toEqual([
      'CLUSTER_LEASE_MS',
      'CLUSTER_REDIS_URL',
      'NODE_ID',
      'PUBLIC_URL',
    ]);
  });

  it('requires JWT_SECRET in production only', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['JWT_SECRET']);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toEqual([]);
    expect(() => loadConfig(actorConfigSchema, { NODE_ENV: 'production' })).not.toThrow();
  });
});

describe('.env.example', () => {
  it('documents exactly the variables the schemas read', () => {
    const text = readFileSync(join(repoRoot, '.env.example'), 'utf8');
    const documented = [...text.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES]);
  });

  it('holds valid values once copied to .env', () => {
    const text = readFileSync(join(repoRoot, '.env.example'), 'utf8');
    const env = parseDotenv(text);
    expect(Object.keys(env).length).toBeGreaterThan(10);
    expect(() => loadConfig(supervisorConfigSchema, env)).not.toThrow();
  });
});

describe('configOrExit', () => {
  const fixture = join(here, 'testing/printConfig.ts');
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', fixture], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });

  it('prints one message naming every problem and exits 1', () => {
    const r = run({ PORT: 'abc', AUTH_STORAGE: 'disk' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Invalid configuration: 2 problems');
    expect(r.stderr).toMatch(/PORT must be a whole number between 1 and 65535 \(got "abc"\)/);
    expect(r.stderr).toMatch(/AUTH_STORAGE must be one of mongo, file \(got "disk"\)/);
    expect(r.stderr.match(/Switchboard cannot start/g)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('returns the typed configuration when it is valid', () => {
    const r = run({ PORT: '6000', AUTH_STORAGE: 'file' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ PORT: 6000, AUTH_STORAGE: 'file' });
  });
});
