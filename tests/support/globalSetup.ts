/**
 * Vitest global setup: gives the whole run one MongoDB-compatible server.
 * With MONGODB_URI set, tests use that server; otherwise a throwaway embedded FerretDB is
 * started under a temporary directory and removed afterwards. Each test file then works in a
 * database of its own (see testDb.ts), so files never see each other's data.
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
  // The browser tests serve the built console; build it once for the run (cached by source hash).
  await ensureConsoleBuilt();
  const external = process.env.MONGODB_URI;
  if (external) {
    project.provide('mongoUri', external);
    return async () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-test-db-'));
  const db = await startEmbeddedDb({ dataDir: dir });
  project.provide('mongoUri', db.uri);
  return async () => {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
