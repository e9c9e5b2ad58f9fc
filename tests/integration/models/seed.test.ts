import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_ROLE_PERMISSIONS } from '@switchboard/shared';
import {
  Role,
  User,
  connectDatabase,
  disconnectDatabase,
  ensureSeeded,
  seedDatabase,
  silentLogger,
  verifyPassword,
} from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const log = silentLogger();

describe('seedDatabase', () => {
  beforeAll(async () => {
    await connectDatabase(testDbUri('models-seed'), log);
  });
  afterAll(async () => {
    await disconnectDatabase();
  });

  it('creates three roles and one admin, and a second run changes nothing', async () => {
    const admin = { name: 'Ada', email: 'Ada@Example.com', password: 'correct horse battery' };
    const first = await seedDatabase(admin, log);
    expect(first).toMatchObject({ rolesCreated: ['admin', 'supervisor', 'employee'], admin: 'created' });
    expect(first.generatedPassword).toBeUndefined();
    const snapshot = JSON.stringify([await Role.find().sort({ name: 1 }).lean(), await User.find().select('+passwordHash').lean()]);

    const second = await seedDatabase(admin, log);
    expect(second).toMatchObject({ rolesCreated: [], rolesUpdated: [], admin: 'email-exists' });
    expect(JSON.stringify([await Role.find().sort({ name: 1 }).lean(), await User.find().select('+passwordHash').lean()])).toBe(snapshot);

    expect(await Role.countDocuments()).toBe(3);
    const adminRole = await Role.findOne({ name: 'admin' }).lean();
    expect(adminRole).toMatchObject({ builtIn: true, permissions: [{ action: 'manage', subject: 'all' }] });
    const users = await User.find().select('+passwordHash').lean();
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ email: 'ada@example.com', mustChangePassword: false, role: adminRole!._id });
    expect(users[0]!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(users[0]!.passwordHash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(users[0]!.passwordHash, 'wrong')).toBe(false);
  });

  it('gives the built-in roles their documented permissions', async () => {
    for (const name of ['supervisor', 'employee'] as const) {
      const role = await Role.findOne({ name }).lean();
      expect(JSON.parse(JSON.stringify(role!.permissions))).toEqual(BUILT_IN_ROLE_PERMISSIONS[name]);
    }
  });

  it('restores a built-in role whose permissions drifted', async () => {
    await Role.updateOne({ name: 'employee' }, { $set: { permissions: [{ action: 'manage', subject: 'all' }] } });
    const result = await seedDatabase({ name: 'Ada', email: 'ada@example.com' }, log);
    expect(result.rolesUpdated).toEqual(['employee']);
    const role = await Role.findOne({ name: 'employee' }).lean();
    expect(JSON.parse(JSON.stringify(role!.permissions))).toEqual(BUILT_IN_ROLE_PERMISSIONS.employee);
  });

  it('does not create a second admin when ADMIN_EMAIL changes', async () => {
    const generated = await ensureSeeded({ ADMIN_NAME: 'Other', ADMIN_EMAIL: 'other@example.com' }, log);
    expect(generated).toBeUndefined();
    expect(await User.countDocuments()).toBe(1);
  });
});

describe('ensureSeeded on an empty database', () => {
  beforeAll(async () => {
    await connectDatabase(testDbUri('models-seed-gen'), log);
  });
  afterAll(async () => {
    await disconnectDatabase();
  });

  it('generates a strong admin password once and asks for a new one at first login', async () => {
    const password = await ensureSeeded({ ADMIN_NAME: 'Admin', ADMIN_EMAIL: 'admin@example.com' }, log);
    expect(password).toMatch(/^[A-Za-z2-9]{20}$/);
    const user = await User.findOne({ email: 'admin@example.com' }).select('+passwordHash').lean();
    expect(user?.mustChangePassword).toBe(true);
    expect(await verifyPassword(user!.passwordHash, password!)).toBe(true);
    expect(await ensureSeeded({ ADMIN_NAME: 'Admin', ADMIN_EMAIL: 'admin@example.com' }, log)).toBeUndefined();
  });
});

describe('pnpm seed (server/src/seedCli.ts)', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/src/seedCli.ts'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
      encoding: 'utf8',
    });

  it('prints a generated password once, never in the logs, and is idempotent', () => {
    const uri = testDbUri('models-seed-cli');
    const first = run({ MONGODB_URI: uri, ADMIN_EMAIL: 'boss@example.com' });
    expect(first.status, first.stderr).toBe(0);
    const password = /Password \/ Contraseña[^\n]*\n\s+(\S+)/.exec(first.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{20}$/);
    // stdout carries the notice once plus pino's JSON lines; the password is only in the notice.
    expect(first.stdout.split(password!).length - 1).toBe(1);
    expect(first.stdout).toContain('"msg":"seed finished"');

    const second = run({ MONGODB_URI: uri, ADMIN_EMAIL: 'boss@example.com' });
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain('Seed done: roles created [], user boss@example.com already exists (unchanged).');
  });

  it('starts and stops the embedded database in DATA_DIR/db when MONGODB_URI is unset', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-seed-cli-'));
    try {
      const r = run({ DATA_DIR: dataDir, ADMIN_PASSWORD: 'a-long-enough-password' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('Seed done: roles created [admin, supervisor, employee], admin admin@example.com created.');
      expect(readdirSync(join(dataDir, 'db')).length).toBeGreaterThan(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses an invalid configuration with a readable message', () => {
    const r = run({ MONGODB_URI: 'localhost', ADMIN_EMAIL: 'nope', ADMIN_PASSWORD: 'short' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Invalid configuration: 3 problems');
    expect(r.stderr).not.toContain('short"');
  });
});
