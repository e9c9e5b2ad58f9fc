/**
 * Vitest global setup: gives the whole run one MongoDB-compatible server.
 * With MONGODB_URI set, tests use that server; otherwise a throwaway embedded FerretDB is
 * started under a temporary directory and removed afterwards. Each test file then works in a
 * database of its own (see testDb.ts), so files never see each other's data.
 *
 * The run also gets one temporary directory of its own (TMPDIR, inherited by the test workers,
 * the actors they fork and Chromium), removed afterwards: the simulators', actors' and nodes'
 * scratch directories the tests create do not pile up in the machine's /tmp run after run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureConsoleBuilt } from '../../desktop/build/consoleBuild.ts';
import { startEmbeddedDb } from '../../shared/src/node/db/embeddedDb.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const removeRunTmp = runTmpDir();
  // The browser tests serve the built console; build it once for the run (cached by source hash).
  await ensureConsoleBuilt();
  const external = process.env.MONGODB_URI;
  if (external) {
    project.provide('mongoUri', external);
    return async () => removeRunTmp();
  }
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-test-db-'));
  const db = await startEmbeddedDb({ dataDir: dir });
  project.provide('mongoUri', db.uri);
  return async () => {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
    removeRunTmp();
  };
}

/**
 * Points TMPDIR at a directory of this run (once: every project runs this setup) and returns
 * what removes it. Short (`/tmp/sb-XXXXXX`), so socket paths made under it stay within limits.
 */
function runTmpDir(): () => void {
  if (process.env.SWITCHBOARD_RUN_TMP) return () => {};
  const dir = mkdtempSync(join(tmpdir(), 'sb-'));
  process.env.SWITCHBOARD_RUN_TMP = dir;
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
