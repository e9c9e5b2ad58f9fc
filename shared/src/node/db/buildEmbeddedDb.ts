/* CLI: `pnpm setup:db` builds (or confirms the cached build of) the embedded database. */
import { ensureEmbeddedDbBinary, EmbeddedDbError } from './embeddedDb.ts';

try {
  const bin = await ensureEmbeddedDbBinary();
  process.stdout.write(`embedded database ready: ${bin}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof EmbeddedDbError ? err.message : String(err)}\n`);
  process.exit(1);
}
