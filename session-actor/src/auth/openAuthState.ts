import type { ActorInitConfig } from '@switchboard/shared';
import type { TransientRetryPolicy } from '@switchboard/shared/node';
import { openFileAuthState } from './fileAuthState.ts';
import { openMongoAuthState } from './mongoAuthState.ts';
import type { AuthHandle } from './types.ts';

/**
 * Opens the auth state selected by AUTH_STORAGE (`mongo` by default, or `file`); `credsRetry`
 * tunes the retries of a failed creds write in the database. With a fencing token in the
 * config (cluster mode, mongo storage), writes are fenced and `onFenced` is called once one is
 * refused for a stale token.
 */
export function openAuthState(
  config: Pick<ActorInitConfig, 'authStorage' | 'dataDir' | 'sessionId' | 'fence'>,
  credsRetry: Partial<TransientRetryPolicy> = {},
  onFenced: (reason: string) => void = () => undefined,
): Promise<AuthHandle> {
  const fencing = config.fence !== undefined ? { token: config.fence, onFenced } : undefined;
  return config.authStorage === 'file'
    ? openFileAuthState(config.dataDir, config.sessionId)
    : openMongoAuthState(config.sessionId, credsRetry, fencing);
}

export type { AuthHandle } from './types.ts';
export { FencedError } from './fence.ts';
