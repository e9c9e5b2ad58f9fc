import type { GatewayDeps } from './deps.ts';

/** Tells the realtime layer a user's access changed; failures are logged, never thrown. */
export function notifyUserChanged(deps: GatewayDeps, userId: string): void {
  if (!deps.realtime) return;
  deps.realtime.refreshUser(userId).catch((err: unknown) => deps.logger.warn({ err, userId }, 'realtime refresh failed'));
}
