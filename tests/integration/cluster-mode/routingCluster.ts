/**
 * Harness of the cluster-mode routing tests: nodes are real child processes running `startNode`
 * (routingNode.ts) on one database, one Redis (tests/support/redis.ts) and the WhatsApp
 * simulator, each with its own NODE_ID, PORT and data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Simulator } from '@switchboard/wa-sim';
import { freePort } from '../../support/freePort.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');

/** A running node process. */
export interface NodeProcess {
  nodeId: string;
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process ended. */
  exited: Promise<number | string | null>;
  /** SIGTERM (drain and exit) and wait. */
  stop(): Promise<void>;
  /** SIGKILL and wait (a node that dies). */
  kill(): Promise<void>;
  /**
   * SIGKILL the node's whole process group (the node and its actors at once) and wait for the
   * node to exit. Only for nodes started with `{ detached: true }`.
   */
  killGroup(): Promise<void>;
}

/** Options of startNodeProcess. */
export interface NodeProcessOptions {
  /** Own process group (so `killGroup` reaches the node's actors too). */
  detached?: boolean;
  /** More environment variables for this node (e.g. SESSION_START_CONCURRENCY). */
  env?: Record<string, string>;
  /** Appends the node's stdout (its log, with ROUTING_LOG_LEVEL) to this file instead of dropping it. */
  logFile?: string;
}

/** What every node of one test shares. */
export interface ClusterEnv {
  mongoUri: string;
  redisUrl: string;
  sim: Simulator;
  jwtSecret: string;
  adminEmail: string;
  adminPassword: string;
  leaseMs: number;
}

/** The shared part of a cluster's configuration (fresh secrets per test file). */
export function clusterEnv(mongoUri: string, redisUrl: string, sim: Simulator, leaseMs = 6_000): ClusterEnv {
  return { mongoUri, redisUrl, sim, jwtSecret: randomBytes(32).toString('hex'), adminEmail: 'admin@cluster.test', adminPassword: `pw-${randomBytes(8).toString('hex')}`, leaseMs };
}

/** Starts a node process and resolves once its gateway listens. */
export async function startNodeProcess(env: ClusterEnv, nodeId: string, opts: NodeProcessOptions = {}): Promise<NodeProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'routingNode.ts')], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: opts.detached ?? false,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.ROUTING_LOG_LEVEL ?? 'silent',
      MONGODB_URI: env.mongoUri,
      DATA_DIR: mkdtempSync(join(tmpdir(), `routing-${nodeId}-`)),
      PORT: String(port),
      JWT_SECRET: env.jwtSecret,
      ADMIN_EMAIL: env.adminEmail,
      ADMIN_PASSWORD: env.adminPassword,
      WA_WEBSOCKET_URL: env.sim.wsUrl,
      WA_TRUST_ROOT: env.sim.trustRootHex,
      WA_CA_CERT: env.sim.caCertPath,
      PRELOAD_CHATS_LIMIT: '0',
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      RATE_LIMIT_SEND_PER_MINUTE: '10000',
      CLUSTER_REDIS_URL: env.redisUrl,
      NODE_ID: nodeId,
      CLUSTER_LEASE_MS: String(env.leaseMs),
      ...opts.env,
    },
  });
  const exited = new Promise<number | string | null>((res) => child.once('exit', (code, signal) => res(code ?? signal)));
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"url"'));
      if (!line) return;
      child.stdout?.off('data', onData);
      if (opts.logFile) child.stdout?.pipe(createWriteStream(opts.logFile, { flags: 'a' }));
      else child.stdout?.resume();
      res((JSON.parse(line) as { url: string }).url);
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => rej(new Error(`node ${nodeId} exited (${code}) before it served:\n${out.slice(-2000)}`)));
  });
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const killGroup = async (): Promise<void> => {
    if (!opts.detached) throw new Error(`node ${nodeId} was not started detached: no process group of its own`);
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch (err) {
      // ESRCH: the group is gone already.
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
    await exited;
  };
  return { nodeId, url, child, exited, stop: () => end('SIGTERM'), kill: () => end('SIGKILL'), killGroup };
}

/** Calls a node's REST API. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of any route
export async function api<T = any>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as T) : (undefined as T) };
}

/** Signs the admin in on a node (changing the password first when the seed asks for it). */
export async function adminToken(base: string, env: ClusterEnv): Promise<string> {
  const login = await api<{ token: string; user: { mustChangePassword: boolean } }>(base, 'POST', '/api/auth/login', undefined, { email: env.adminEmail, password: env.adminPassword });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${JSON.stringify(login.body)}`);
  if (!login.body.user.mustChangePassword) return login.body.token;
  const changed = await api<{ token: string }>(base, 'POST', '/api/auth/change-password', login.body.token, { currentPassword: env.adminPassword, newPassword: `${env.adminPassword}-own` });
  if (changed.status !== 200) throw new Error(`admin password change failed: ${changed.status}`);
  env.adminPassword = `${env.adminPassword}-own`;
  return changed.body.token;
}
