/**
 * The whole system for browser tests: the WhatsApp simulator and a real node started the way
 * `pnpm start` starts it (`startNode`: database, seed, Supervisor forking real actors, gateway
 * serving the built console, scheduler), on a database of this test file. The first admin's
 * generated password is captured as the operator would read it. Emails go to a real SMTP
 * server of the test (`mailbox`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../../support/freePort.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from '@switchboard/gateway';
import { CONSOLE_DIST } from '../../../desktop/build/consoleBuild.ts';
import type { HubEvent, SessionStatus } from '@switchboard/shared';
import { startNode, type RunningNode } from '../../../server/src/main.ts';
import { startSimulator, type Simulator } from '@switchboard/wa-sim';
import { testDbUri } from '../../support/testDb.ts';
import { startMailbox, type Mailbox } from '../../integration/gateway/support/mailbox.ts';

/** A running system. */
export interface System {
  url: string;
  node: RunningNode;
  sim: Simulator;
  dataDir: string;
  adminEmail: string;
  /** The generated first-admin password (printed once at first start). */
  adminPassword: string;
  /** Calls the REST API with a token. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of any route
  api<T = any>(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Signs in over REST; changes a temporary password first when asked to. */
  token(email: string, password: string): Promise<string>;
  /** Waits for a hub event. */
  waitFor(pred: (e: HubEvent) => boolean, timeoutMs?: number): Promise<HubEvent>;
  waitStatus(sessionId: string, status: SessionStatus, timeoutMs?: number): Promise<void>;
  /** Creates a session through the API and links it to a new simulated phone by QR; resolves once connected. */
  linkSession(token: string, s: { sessionId: string; name: string; phone: string }): Promise<void>;
  /** The SMTP server receiving the gateway's emails. */
  mailbox: Mailbox;
  /** Stops the gateway only (actors keep running): the server is "down" for browsers. */
  stopGateway(): Promise<void>;
  /** Starts the gateway again on the same port. */
  startGateway(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the system for one test file. */
export async function startSystem(area: string): Promise<System> {
  const dataDir = mkdtempSync(join(tmpdir(), `e2e-${area}-`));
  const sim = await startSimulator();
  const mailbox = await startMailbox();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    LOG_LEVEL: (process.env.E2E_LOG_LEVEL as string | undefined) ?? 'silent',
    MONGODB_URI: testDbUri(area),
    DATA_DIR: dataDir,
    PORT: String(port),
    FRONTEND_URL: url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    WA_WEBSOCKET_URL: sim.wsUrl,
    WA_TRUST_ROOT: sim.trustRootHex,
    WA_CA_CERT: sim.caCertPath,
    PRELOAD_CHATS_LIMIT: '0',
    ADMIN_EMAIL: 'admin@e2e.test',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    RATE_LIMIT_SEND_PER_MINUTE: '10000',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mailbox.port),
    SMTP_FROM_EMAIL: 'switchboard@e2e.test',
    // The integrations test's webhook receiver listens on loopback.
    WEBHOOK_ALLOW_PRIVATE: 'true',
  };
  let adminPassword = '';
  const node = await startNode({ env, onAdminPassword: (_email, pw) => (adminPassword = pw) });
  const events: HubEvent[] = [];
  const waiters = new Set<{ pred: (e: HubEvent) => boolean; resolve(e: HubEvent): void }>();
  const unsubscribe = node.supervisor.hub.subscribe((e) => {
    events.push(e);
    for (const w of [...waiters]) {
      if (!w.pred(e)) continue;
      waiters.delete(w);
      w.resolve(e);
    }
  });
  let gateway: RunningGateway = node.gateway;

  const system: System = {
    url,
    node,
    sim,
    dataDir,
    mailbox,
    adminEmail: 'admin@e2e.test',
    adminPassword,
    async api(method, path, token, body) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async token(email, password) {
      const login = await system.api<{ token: string; user: { mustChangePassword: boolean } }>('POST', '/api/auth/login', undefined, { email, password });
      if (login.status !== 200) throw new Error(`login of ${email} failed: ${login.status}`);
      if (!login.body.user.mustChangePassword) return login.body.token;
      const changed = await system.api<{ token: string }>('POST', '/api/auth/change-password', login.body.token, { currentPassword: password, newPassword: `${password}-own` });
      if (changed.status !== 200) throw new Error(`password change of ${email} failed: ${changed.status}`);
      return changed.body.token;
    },
    waitFor(pred, timeoutMs = 30_000) {
      const seen = events.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (e: HubEvent) => (clearTimeout(timer), resolve(e)) };
        const timer = setTimeout(() => (waiters.delete(w), reject(new Error('timed out waiting for a hub event'))), timeoutMs);
        waiters.add(w);
      });
    },
    async waitStatus(sessionId, status, timeoutMs) {
      const mark = events.length;
      if (node.supervisor.hub.snapshot(sessionId)?.status === status) return;
      await system.waitFor((e) => events.indexOf(e) >= mark && e.sessionId === sessionId && e.type === 'connection-state' && e.status === status, timeoutMs);
    },
    async linkSession(token, { sessionId, name, phone }) {
      const created = await system.api('POST', '/api/sessions', token, { sessionId, name });
      if (created.status !== 201) throw new Error(`session ${sessionId} not created: ${created.status}`);
      const qr = (await system.waitFor((e) => e.sessionId === sessionId && e.type === 'qr')) as Extract<HubEvent, { type: 'qr' }>;
      sim.createPhone({ phone, name });
      await sim.scanQr(phone, qr.qr);
      await system.waitStatus(sessionId, 'connected', 60_000);
    },
    async stopGateway() {
      await gateway.close();
    },
    async startGateway() {
      gateway = await startGateway({ config: node.config, logger: node.logger, hub: node.supervisor.hub, health: () => node.supervisor.hub.healthReport(), consoleDir: CONSOLE_DIST, port });
    },
    async close() {
      unsubscribe();
      await gateway.close();
      await node.shutdown('test finished');
      await sim.stop();
      await mailbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  system.adminPassword = adminPassword;
  return system;
}
