import type { ActorInitConfig } from '@switchboard/shared';
import type { TransientRetryPolicy } from '@switchboard/shared/node';
import { openFileAuthState } from './fileAuthState.ts';
import { openMongoAuthState } from './mongoAuthState.ts';
import type { AuthHandle } from './types.ts';

/**
 * Opens the auth state selected by AUTH_STORAGE (`mongo` by default, or `file`); `credsRetry`
 * tunes the retries of a failed creds write in the database.
 */
export function openAuthState(
  config: Pick<ActorInitConfig, 'authStorage' | 'dataDir' | 'sessionId'>,
  credsRetry: Partial<TransientRetryPolicy> = {},
): Promise<AuthHandle> {
  return config.authStorage === 'file'
    ? openFileAuthState(config.dataDir, config.sessionId)
    : openMongoAuthState(config.sessionId, credsRetry);
}

export type { AuthHandle } from './types.ts';
