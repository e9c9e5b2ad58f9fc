import { Agent } from 'node:https';
import { WA_CERT_DETAILS } from '@whiskeysockets/baileys';

/** The parts of a started simulator the app needs. */
export interface SimTarget {
  wsUrl: string;
  trustRootHex: string;
  caCert: string;
}

/**
 * Makes Baileys trust the simulator's Noise root (wa-sim.md §1.4). Process-wide: call it
 * before `makeWASocket` in the process that runs Baileys (the session actor).
 */
export function installSimTrustRoot(trustRootHex: string): void {
  WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(trustRootHex, 'hex');
}

/**
 * The `makeWASocket` options that point Baileys at a simulator: WebSocket URL and an HTTPS
 * agent that trusts the simulator's media CA (uploads). Spread them into your own config.
 * Also installs the trust root.
 */
export function baileysSimOptions(sim: SimTarget) {
  installSimTrustRoot(sim.trustRootHex);
  return {
    waWebSocketUrl: sim.wsUrl,
    fetchAgent: new Agent({ ca: sim.caCert }),
  };
}
