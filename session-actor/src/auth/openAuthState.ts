import type { ActorInitConfig } from '@switchboard/shared';
import { openFileAuthState } from './fileAuthState.ts';
import { openMongoAuthState } from './mongoAuthState.ts';
import type { AuthHandle } from './types.ts';

/** Opens the auth state selected by AUTH_STORAGE (`mongo` by default, or `file`). */
export function openAuthState(config: Pick<ActorInitConfig, 'authStorage' | 'dataDir' | 'sessionId'>): Promise<AuthHandle> {
  return config.authStorage === 'file'
    ? openFileAuthState(config.dataDir, config.sessionId)
    : openMongoAuthState(config.sessionId);
}

export type { AuthHandle } from './types.ts';
