/** Realtime relay: Socket.IO on the gateway's HTTP server. */
export { attachRealtime, type Realtime } from './attachRealtime.ts';
export { gatewaySocketAuth } from './gatewayAuth.ts';
export { SocketAuthError } from './handshake.ts';
export type { RealtimeConfig, RealtimeDeps, RealtimeUser, VerifiedToken } from './types.ts';
