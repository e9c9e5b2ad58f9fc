import type { ActorInitConfig } from '@switchboard/shared';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Checks the `init` config sent by the supervisor and lists every problem (empty when valid).
 * An actor with a bad config exits BAD_CONFIG, which the supervisor never restarts.
 */
export function initConfigProblems(raw: unknown): string[] {
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null) return ['config is not an object'];
  const c = raw as Partial<ActorInitConfig>;
  if (typeof c.sessionId !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(c.sessionId)) problems.push('sessionId is missing or invalid');
  if (typeof c.mongoUri !== 'string' || !/^mongodb(\+srv)?:\/\//.test(c.mongoUri)) problems.push('mongoUri must be a mongodb:// URI');
  if (c.authStorage !== 'mongo' && c.authStorage !== 'file') problems.push('authStorage must be mongo or file');
  if (typeof c.dataDir !== 'string' || c.dataDir.length === 0) problems.push('dataDir is missing');
  if (typeof c.logLevel !== 'string' || !LEVELS.includes(c.logLevel)) problems.push('logLevel is invalid');
  if (typeof c.heartbeatMs !== 'number' || !(c.heartbeatMs >= 100)) problems.push('heartbeatMs must be a number >= 100');
  const wa = c.wa;
  if (typeof wa !== 'object' || wa === null) problems.push('wa is missing');
  else {
    if (wa.websocketUrl !== undefined && !/^wss?:\/\//.test(wa.websocketUrl)) problems.push('wa.websocketUrl must be a ws:// or wss:// URL');
    if (wa.trustRootHex !== undefined && !/^([0-9a-fA-F]{2}){32,33}$/.test(wa.trustRootHex)) problems.push('wa.trustRootHex must be the hex of a 32-byte key');
    if (wa.caCertPath !== undefined && typeof wa.caCertPath !== 'string') problems.push('wa.caCertPath must be a path');
  }
  const p = c.preloadChats;
  if (!p || !['individual', 'group', 'all'].includes(p.type) || typeof p.limit !== 'number' || p.limit < 0) {
    problems.push('preloadChats must be {type: individual|group|all, limit >= 0}');
  }
  if (c.fence !== undefined && !(Number.isSafeInteger(c.fence) && c.fence >= 1)) problems.push('fence must be a positive integer');
  const hooks = c.testHooks;
  if (hooks !== undefined) {
    const kill = (hooks as { killBeforeStore?: unknown } | null)?.killBeforeStore;
    if (typeof hooks !== 'object' || hooks === null || (kill !== undefined && !(Array.isArray(kill) && kill.every((id) => typeof id === 'string')))) {
      problems.push('testHooks must be {killBeforeStore?: string[]}');
    }
  }
  return problems;
}
