/**
 * Test helper: Supervisors forking the fixture actor (fixtureActor.ts) with fast limits, and
 * Session records whose id prefix picks the fixture's behaviour (ok, crash, mute, ...). Used by
 * the Supervisor and LocalHub unit tests.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session, silentLogger } from '@switchboard/shared/node';
import type { RestartSpec } from '../restartPolicy.ts';
import { Supervisor } from '../Supervisor.ts';
import { withDefaults, type SupervisionLimits } from '../supervisorOptions.ts';
import { recordHub, type HubRecorder } from './hubRecorder.ts';

const entry = fileURLToPath(new URL('./fixtureActor.ts', import.meta.url));

/** Supervisors over the fixture actor, all shut down by `shutdownAll`. */
export interface FixtureSupervisors {
  /** A Supervisor (restart delays of 10–50 ms, 3 restarts a minute) and a recorder of its events. */
  create(limits?: Partial<SupervisionLimits>, restart?: Partial<RestartSpec>, more?: { warmActors?: number }): { sup: Supervisor; rec: HubRecorder };
  /** Creates a Session `<mode>-<n>` (the fixture actor behaves as `mode` says). */
  session(mode: string): Promise<string>;
  shutdownAll(): Promise<void>;
}

/** Fixture supervisors on the database at `mongoUri()` (read when one is created). */
export function fixtureSupervisors(mongoUri: () => string): FixtureSupervisors {
  const created: Supervisor[] = [];
  let counter = 0;
  return {
    create(limits = {}, restart = {}, more = {}) {
      const sup = new Supervisor(
        withDefaults({
          logger: silentLogger(),
          dataDir: mkdtempSync(join(tmpdir(), 'sup-test-')),
          actor: { mongoUri: mongoUri(), authStorage: 'mongo', logLevel: 'silent', wa: {}, preloadChats: { type: 'individual', limit: 1 } },
          actorEntry: entry,
          limits: { heartbeatMs: 100, missedHeartbeats: 3, readyTimeoutMs: 10_000, stopGraceMs: 1_000, ...limits },
          restart: { baseDelayMs: 10, maxDelayMs: 50, random: () => 0.5, intensity: { maxRestarts: 3, windowMs: 60_000 }, ...restart },
          startJitterMs: 0,
          startConcurrency: 2,
          ...more,
        }),
      );
      created.push(sup);
      return { sup, rec: recordHub(sup.hub) };
    },
    async session(mode) {
      const sessionId = `${mode}-${++counter}`;
      await Session.create({ sessionId, name: sessionId });
      return sessionId;
    },
    async shutdownAll() {
      await Promise.all(created.splice(0).map((s) => s.shutdown()));
    },
  };
}
