/**
 * Harness of the gateway integration tests: a fresh database, the seeded roles, one user per
 * kind (admin, supervisor, assigned and unassigned employee), a real Supervisor whose LocalHub
 * is the hub (optionally with the WhatsApp simulator so real actors can run) and the gateway
 * listening on a free port. Requests go through Node's fetch.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase, createLogger, disconnectDatabase, hashPassword, Role, seedDatabase, silentLogger, User } from '@switchboard/shared/node';
import { createApp, createEmailService, createMediaPool, type GatewayApp, type GatewaySettings } from '@switchboard/gateway';
import { Supervisor, withDefaults, type LocalHub } from '@switchboard/supervisor';
import { recordHub, type HubRecorder } from '@switchboard/supervisor/testing';
import { startSimulator, type Simulator } from '@switchboard/wa-sim';
import { testDbUri } from '../../../support/testDb.ts';

/** The kinds of caller the tests use. */
export type Who = 'admin' | 'supervisor' | 'employee' | 'outsider';

/** A seeded user and its password. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
  locale: 'es' | 'en';
}

/** An HTTP answer with the JSON body parsed when there is one. */
export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

/** Options of a request through `api`. */
export interface ApiOptions {
  token?: string;
  body?: unknown;
  /** A multipart/form-data body (uploads, multipart sends). */
  form?: FormData;
  /** Raw body (string) sent as is, with `contentType`. */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One test file's gateway world. */
export interface GatewayWorld {
  url: string;
  app: GatewayApp;
  /** The SessionHub the gateway uses (`supervisor.hub`). */
  hub: LocalHub;
  supervisor: Supervisor;
  rec: HubRecorder;
  sim: Simulator | undefined;
  settings: GatewaySettings;
  users: Record<Who, TestUser>;
  api(method: string, path: string, opts?: ApiOptions): Promise<ApiResponse>;
  /** Logs in and returns the token (throws when login fails). */
  login(who: Who | TestUser): Promise<string>;
  close(): Promise<void>;
}

/** Options of openGateway. */
export interface OpenGatewayOptions {
  smtp?: GatewaySettings['smtp'];
  /** Start the WhatsApp simulator so actors can connect. */
  simulator?: boolean;
  settings?: Partial<GatewaySettings>;
  /**
   * Chats the actors preload at login (default 5). 0 requests no history sync, so Baileys does not
   * hold incoming messages back for up to 20 s after a re-login waiting for one.
   */
  preloadChats?: number;
  /** The gateway's clock (lockouts, audit times); tests move a fake one instead of sleeping. */
  now?: () => Date;
}

const password = () => `Pw-${randomBytes(9).toString('base64url')}`;

/** Creates a user with a built-in role. */
async function makeUser(role: string, email: string, locale: 'es' | 'en'): Promise<TestUser> {
  const roleDoc = await Role.findOne({ name: role }).lean();
  const pw = password();
  const user = await User.create({ name: `${role} ${email.split('@')[0]}`, email, role: roleDoc!._id, locale, passwordHash: await hashPassword(pw) });
  return { id: user._id.toString(), email, password: pw, locale };
}

/** Opens the world of one test file. */
export async function openGateway(area: string, opts: OpenGatewayOptions = {}): Promise<GatewayWorld> {
  const uri = testDbUri(area);
  // GW_TEST_LOG=error (or debug) shows the gateway's logs while debugging a test.
  const logger = process.env.GW_TEST_LOG
    ? createLogger({ NODE_ENV: 'test', LOG_LEVEL: process.env.GW_TEST_LOG as 'error' }, { name: 'gateway-test', destination: process.stderr })
    : silentLogger();
  await connectDatabase(uri, logger);
  const dataDir = mkdtempSync(join(tmpdir(), `gw-${area}-`));
  const sim = opts.simulator ? await startSimulator() : undefined;
  const adminPw = password();
  await seedDatabase({ name: 'Admin', email: 'admin@test.local', password: adminPw, locale: 'en' }, logger);
  const admin = await User.findOne({ email: 'admin@test.local' }).lean();
  const users: Record<Who, TestUser> = {
    admin: { id: admin!._id.toString(), email: 'admin@test.local', password: adminPw, locale: 'en' },
    supervisor: await makeUser('supervisor', 'super@test.local', 'es'),
    employee: await makeUser('employee', 'emp@test.local', 'es'),
    outsider: await makeUser('employee', 'other@test.local', 'en'),
  };
  const supervisor = new Supervisor(
    withDefaults({
      logger,
      dataDir,
      actor: {
        mongoUri: uri,
        authStorage: 'mongo',
        logLevel: 'silent',
        wa: sim ? { websocketUrl: sim.wsUrl, trustRootHex: sim.trustRootHex, caCertPath: sim.caCertPath } : {},
        preloadChats: { type: 'individual', limit: opts.preloadChats ?? 5 },
      },
      limits: { heartbeatMs: 250, missedHeartbeats: 8, readyTimeoutMs: 20_000, callTimeoutMs: 15_000, stopGraceMs: 3_000, deafAfterMs: 0 },
      restart: { baseDelayMs: 50, maxDelayMs: 500 },
      startJitterMs: 20,
    }),
  );
  const hub = supervisor.hub;
  const rec = recordHub(hub);
  const settings: GatewaySettings = {
    jwtSecret: randomBytes(48).toString('base64url'),
    jwtExpiresIn: '1h',
    corsOrigins: ['http://console.test'],
    bodyLimit: '100kb',
    frontendUrl: 'http://console.test',
    dataDir,
    smtp: opts.smtp ?? null,
    alertEmails: [],
    rateLimits: { loginPerMinute: 1000, forgotPasswordPerHour: 1000, sendPerMinute: 1000, uploadPerMinute: 1000, forgotPasswordPerAccountPerHour: 1000 },
    trustProxy: false,
    ...opts.settings,
  };
  const email = createEmailService({ config: settings, logger, baseDelayMs: 10 });
  // A real media pool (one worker thread): uploads and multipart sends work like in production.
  const pool = createMediaPool({ compressAboveBytes: 5 * 1024 * 1024, maxThreads: 1 });
  const upload = { pool, limits: { maxBytes: 2 * 1024 * 1024 } };
  const app = createApp({ settings, logger, hub, email, upload, health: () => hub.healthReport(), ...(opts.now ? { now: opts.now } : {}) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: GatewayWorld['api'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | FormData | undefined;
    if (o.form) body = o.form;
    else if (o.raw !== undefined) {
      body = o.raw;
      headers['content-type'] = o.contentType ?? 'application/json';
    } else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed, headers: res.headers };
  };

  const world: GatewayWorld = {
    url,
    app,
    hub,
    supervisor,
    rec,
    sim,
    settings,
    users,
    api,
    async login(who) {
      const u = typeof who === 'string' ? users[who] : who;
      const res = await api('POST', '/api/auth/login', { body: { email: u.email, password: u.password } });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async close() {
      await supervisor.shutdown();
      rec.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await email.close();
      await pool.close();
      if (sim) await sim.stop();
      await disconnectDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return world;
}

/**
 * Creates a session through the API (as the holder of `token`) and links it to a new simulated
 * phone `phone` by scanning its first QR; resolves once it is connected. Needs `simulator: true`.
 */
export async function linkSession(w: GatewayWorld, token: string, s: { sessionId: string; name: string; phone: string }): Promise<void> {
  const sim = w.sim;
  if (!sim) throw new Error('linkSession needs the simulator (openGateway(..., { simulator: true }))');
  const created = await w.api('POST', '/api/sessions', { token, body: { sessionId: s.sessionId, name: s.name } });
  if (created.status !== 201) throw new Error(`creating ${s.sessionId}: ${created.status} ${JSON.stringify(created.body)}`);
  const { qr } = (await w.rec.waitFor((e) => e.sessionId === s.sessionId && e.type === 'qr')) as { qr: string };
  const mark = w.rec.events.length;
  sim.createPhone({ phone: s.phone });
  await sim.scanQr(s.phone, qr);
  await w.rec.waitStatus(s.sessionId, 'connected', mark);
}
