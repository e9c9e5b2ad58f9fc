/**
 * Harness of the cluster integration tests: the real database (a fresh one per file), the
 * WhatsApp simulator, and Supervisors forking the real session actor (Baileys inside) with
 * short timings so failures are detected in seconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActorTestHooks, HubEvent } from '@switchboard/shared';
import { connectDatabase, disconnectDatabase, Session, silentLogger, startEmbeddedDb } from '@switchboard/shared/node';
import { Supervisor, withDefaults, type SupervisionLimits } from '@switchboard/supervisor';
import { recordHub, type HubRecorder } from '@switchboard/supervisor/testing';
import { startSimulator, type Simulator } from '@switchboard/wa-sim';
import { testDbUri } from '../../support/testDb.ts';

/** One test file's world: database, simulator, and the supervisors it started. */
export interface Cluster {
  uri: string;
  sim: Simulator;
  dataDir: string;
  /** Starts a Supervisor (real actors) and records its events. */
  supervisor(opts?: {
    limits?: Partial<SupervisionLimits>;
    restart?: Record<string, unknown>;
    startConcurrency?: number;
    /** Deterministic faults in the forked actors (session-actor/src/testHooks.ts). */
    testHooks?: ActorTestHooks;
  }): { sup: Supervisor; rec: HubRecorder };
  /** Creates a Session record. */
  createSession(sessionId: string): Promise<void>;
  /** Starts a session, scans its first QR with a new simulated phone and waits until connected. */
  link(sup: Supervisor, rec: HubRecorder, sessionId: string, phone: string): Promise<void>;
  close(): Promise<void>;
}

/** Short supervision timings for tests (the defaults are minutes). */
export const TEST_LIMITS: Partial<SupervisionLimits> = {
  heartbeatMs: 250,
  missedHeartbeats: 20,
  readyTimeoutMs: 20_000,
  callTimeoutMs: 15_000,
  stopGraceMs: 3_000,
  // On, as in production but shorter: a connected session silent for 20 s is probed (two
  // pings of 5 s) and recycled only if WhatsApp does not answer, so every file here also checks
  // that healthy idle sessions survive their probes. faults.test.ts lowers it for its deaf test.
  deafAfterMs: 20_000,
};

/**
 * Opens the database and the simulator for one test file. `ownServer` gives the file an
 * embedded database server of its own (unless MONGODB_URI is set): the embedded server handles
 * one request at a time, and a file that pairs dozens of sessions would hold up every other
 * test file sharing the run's server.
 */
export async function openCluster(area: string, opts: { ownServer?: boolean } = {}): Promise<Cluster> {
  const dataDir = mkdtempSync(join(tmpdir(), `cluster-${area}-`));
  const own = opts.ownServer && !process.env.MONGODB_URI ? await startEmbeddedDb({
          dataDir: join(dataDir, 'db'),
          // A server that dies (or is restarted for not answering) says so in the test output.
          onWatchEvent: (e) => process.stderr.write(`[embedded db] ${JSON.stringify(e)}\n`),
        }) : null;
  const uri = own ? `${own.uri.replace(/\/?$/, '/')}cluster_${area}` : testDbUri(area);
  await connectDatabase(uri, silentLogger());
  const sim = await startSimulator();
  const supervisors: Supervisor[] = [];
  const recorders: HubRecorder[] = [];

  const cluster: Cluster = {
    uri,
    sim,
    dataDir,
    supervisor(opts = {}) {
      const sup = new Supervisor(
        withDefaults({
          logger: silentLogger(),
          dataDir,
          actor: {
            mongoUri: uri,
            authStorage: 'mongo',
            logLevel: (process.env.ACTOR_LOG_LEVEL as 'info' | undefined) ?? 'silent',
            wa: { websocketUrl: sim.wsUrl, trustRootHex: sim.trustRootHex, caCertPath: sim.caCertPath },
            preloadChats: { type: 'individual', limit: 5 },
            ...(opts.testHooks ? { testHooks: opts.testHooks } : {}),
          },
          limits: { ...TEST_LIMITS, ...opts.limits },
          restart: { baseDelayMs: 50, maxDelayMs: 500, ...opts.restart },
          startJitterMs: 20,
          // Actor start-up is CPU-bound (module loading); on a busy 2-core runner a start can
          // take tens of seconds, and the concurrency bound must hold regardless.
          startSettleMs: 120_000,
          startConcurrency: opts.startConcurrency ?? 4,
        }),
      );
      supervisors.push(sup);
      const rec = recordHub(sup.hub);
      recorders.push(rec);
      return { sup, rec };
    },
    async createSession(sessionId) {
      await Session.create({ sessionId, name: sessionId });
    },
    async link(sup, rec, sessionId, phone) {
      const mark = rec.events.length;
      await sup.start(sessionId);
      const qr = (await rec.waitFor((e) => rec.events.indexOf(e) >= mark && e.sessionId === sessionId && e.type === 'qr')) as Extract<HubEvent, { type: 'qr' }>;
      sim.createPhone({ phone });
      await sim.scanQr(phone, qr.qr);
      await rec.waitStatus(sessionId, 'connected', mark);
    },
    async close() {
      await Promise.all(supervisors.map((s) => s.shutdown()));
      for (const r of recorders) r.stop();
      await sim.stop();
      await disconnectDatabase();
      await own?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return cluster;
}
