/**
 * Test-only fault hooks (`init.testHooks`, set by test harnesses only): deterministic kills at
 * instants a test could otherwise hit only by chance. Production configs never carry them, and
 * then every hook here is a no-op.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActorInitConfig } from '@switchboard/shared';
import type { Logger } from 'pino';

/** Called with each message Baileys hands over, before anything stores it. */
export type BeforeStoreHook = (messageId: string | null | undefined) => void;

/**
 * The `killBeforeStore` hook: SIGKILLs this process at a listed message id, once per id (a
 * marker file in the data dir, written first, lets the restarted actor get past it). Null when
 * the config asks for no such kill.
 */
export function killBeforeStoreHook(config: Pick<ActorInitConfig, 'dataDir' | 'sessionId' | 'testHooks'>, log: Logger): BeforeStoreHook | null {
  const ids = new Set(config.testHooks?.killBeforeStore ?? []);
  if (ids.size === 0) return null;
  const dir = join(config.dataDir, 'test-hooks');
  return (messageId) => {
    if (!messageId || !ids.has(messageId)) return;
    const marker = join(dir, `${config.sessionId}.kill-before-store.${messageId}`);
    if (existsSync(marker)) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(marker, String(process.pid));
    log.warn({ messageId }, 'test hook: killing the actor before the message is stored');
    process.kill(process.pid, 'SIGKILL');
  };
}
