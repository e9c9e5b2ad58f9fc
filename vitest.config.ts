import { defineConfig } from 'vitest/config';

// libsignal prints whole session records (private keys included) through console.* when it
// opens or closes a session. Tests run the simulator's contacts and Baileys in-process, so keep
// that key material out of test output. (The actor process routes console to its redacting logger.)
const LIBSIGNAL_NOISE =
  /^(Closing session|Opening session|Removing old closed session|Session already closed|Closing open session|Closing stale open session|Decrypted message with closed session|Migrating session|Session error|Failed to decrypt message)/;

export default defineConfig({
  test: {
    include: ['{shared,supervisor,session-actor,gateway,desktop}/src/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['tests/support/globalSetup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    onConsoleLog: (log) => (LIBSIGNAL_NOISE.test(log) ? false : undefined),
  },
});
