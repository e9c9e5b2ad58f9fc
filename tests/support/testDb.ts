/**
 * Per-test-file database on the run's server (embedded FerretDB, or MONGODB_URI when set).
 * `testDbUri('gateway-auth')` returns a URI naming a fresh database unique to this run.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/** A MongoDB URI whose database is unique to this call (prefix kept for readability). */
export function testDbUri(prefix: string): string {
  const base = new URL(inject('mongoUri'));
  const name = `t_${prefix.replace(/[^a-zA-Z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
  base.pathname = `/${name}`;
  return base.toString();
}
