import { readFile } from 'node:fs/promises';
import { Agent as HttpsAgent } from 'node:https';
import { createRequire } from 'node:module';
import { WA_CERT_DETAILS } from '@whiskeysockets/baileys';
import type { Agent as UndiciAgent, Dispatcher } from 'undici';
import type { ActorInitConfig } from '@switchboard/shared';

/** TLS trust for a private WhatsApp endpoint (the simulator): one CA for every channel. */
export interface TlsTrust {
  /** For the websocket (wss) and media uploads (Baileys uses node:https with `fetchAgent`). */
  agent: HttpsAgent;
  /** For downloads and profile pictures (Baileys and we use global fetch, which takes a dispatcher). */
  dispatcher: Dispatcher;
}

const requireFromHere = createRequire(import.meta.url);

/**
 * An undici Agent made on the first download: loading undici costs an actor ~6 MB, and most
 * actors download nothing for hours. fetch (and Baileys' download) only call `dispatch`.
 */
function lazyDispatcher(options: UndiciAgent.Options): Dispatcher {
  let agent: Dispatcher | undefined;
  const lazy = {
    dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
      agent ??= new (requireFromHere('undici') as typeof import('undici')).Agent(options);
      return agent.dispatch(opts, handler);
    },
    close: async (): Promise<void> => agent?.close(),
    destroy: async (): Promise<void> => agent?.destroy(),
  };
  return lazy as unknown as Dispatcher;
}

/**
 * Installs the Noise certificate trust root (WA_TRUST_ROOT, hex of a 32-byte public key) into
 * Baileys before any socket handshakes (wa-sim.md §1.4). Without it WhatsApp's root stays.
 */
export function installTrustRoot(hex: string | undefined): void {
  if (!hex) return;
  if (!/^([0-9a-fA-F]{2}){32,33}$/.test(hex)) throw new Error('WA_TRUST_ROOT must be the hex of a 32-byte key');
  WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(hex, 'hex');
}

/**
 * Loads WA_CA_CERT (a PEM file) and builds the agents that trust it in addition to the
 * system roots. Downloads use an undici dispatcher passed per request, so nothing global
 * (NODE_EXTRA_CA_CERTS, NODE_TLS_REJECT_UNAUTHORIZED) is needed or changed.
 */
export async function loadTlsTrust(caCertPath: string | undefined): Promise<TlsTrust | undefined> {
  if (!caCertPath) return undefined;
  const ca = await readFile(caCertPath, 'utf8');
  const { rootCertificates } = await import('node:tls');
  const cas = [...rootCertificates, ca];
  return {
    agent: new HttpsAgent({ ca: cas, keepAlive: true }),
    dispatcher: lazyDispatcher({ connect: { ca: cas } }),
  };
}

/** Applies the `wa` part of the init config: trust root now, TLS trust loaded for later use. */
export async function prepareTrust(wa: ActorInitConfig['wa']): Promise<TlsTrust | undefined> {
  installTrustRoot(wa.trustRootHex);
  return loadTlsTrust(wa.caCertPath);
}
