import makeWASocket, { Browsers, makeCacheableSignalKeyStore, type GroupMetadata, type proto, type WAMessageKey, type WASocket } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { AuthHandle } from '../auth/types.ts';
import { baileysLogger } from './baileysLogger.ts';
import type { TlsTrust } from './trust.ts';
import { ttlCache } from './ttlCache.ts';
import { useNativeXeddsaVerify } from './xeddsaVerify.ts';

/** What a socket needs besides the auth state. */
export interface SocketOptions {
  auth: AuthHandle;
  logger: Logger;
  /** WA_WEBSOCKET_URL; WhatsApp's own endpoint when absent. */
  websocketUrl?: string;
  tls?: TlsTrust;
  /**
   * Ask the phone for recent history (chat preload). When false (PRELOAD_CHATS_LIMIT=0) Baileys
   * also skips its wait of up to 20 s for the history notification on a first login, during
   * which it holds back incoming events.
   */
  syncHistory: boolean;
  /** Content of a message we sent, for retry receipts that outlive Baileys' in-memory cache. */
  getMessage?: (key: WAMessageKey) => Promise<proto.IMessage | undefined>;
  /** A group's members as already known, so a send to it need not ask WhatsApp first. */
  cachedGroupMetadata?: (jid: string) => Promise<GroupMetadata | undefined>;
}

/**
 * Creates one Baileys socket. Baileys never reconnects on its own: the actor calls this again
 * after every close it decides to retry (wa-sim.md §0.7).
 */
export function createSocket(opts: SocketOptions): WASocket {
  // The Noise handshake's certificate check, natively (xeddsaVerify.ts); once per process.
  useNativeXeddsaVerify();
  const logger = baileysLogger(opts.logger);
  return makeWASocket({
    ...(opts.websocketUrl ? { waWebSocketUrl: opts.websocketUrl } : {}),
    auth: {
      creds: opts.auth.state.creds,
      // Baileys' default for its cache, five minutes, without its size statistics (ttlCache.ts).
      keys: makeCacheableSignalKeyStore(opts.auth.state.keys, logger, ttlCache(5 * 60_000)),
    },
    logger,
    browser: Browsers.ubuntu('Switchboard'),
    markOnlineOnConnect: false,
    syncFullHistory: false,
    shouldSyncHistoryMessage: () => opts.syncHistory,
    // The websocket agent only applies to wss:// (ws refuses an https agent for ws://).
    ...(opts.tls ? { fetchAgent: opts.tls.agent } : {}),
    ...(opts.tls && opts.websocketUrl?.startsWith('wss:') ? { agent: opts.tls.agent } : {}),
    // Retry receipts are answered from Baileys' recent-message cache, then from our store.
    getMessage: opts.getMessage ?? (async () => undefined),
    ...(opts.cachedGroupMetadata ? { cachedGroupMetadata: opts.cachedGroupMetadata } : {}),
  });
}
