import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { identityFromJson, identityToJson, processIdentity } from './certs.ts';
import { handleControl } from './control.ts';
import { startHttpsMedia } from './media.ts';
import { loadSnapshot, saveSnapshot } from './snapshot.ts';
import { Simulator, type SimOptions } from './simulator.ts';
import { localTls, type LocalTls } from './tls.ts';

export { Simulator } from './simulator.ts';
export type { SimOptions } from './simulator.ts';
export type { ContactSendInput, GroupSendInput, PhoneSendInput, ReceivedMessage, ReceiptType, SimEvents, SimMessageKind } from './types.ts';
export type { GroupAddressing, GroupInfo, SimGroupSettings } from './groups.ts';
export type { FaultSpec } from './faults.ts';
export { SimError } from './phone.ts';
export { requestToJoin, withdrawJoinRequest } from './groupRequests.ts';
export { blocklistOf } from './blocklist.ts';
export { endCall, simCall, startCall, type CallEnd, type SimCall } from './calls.ts';
export { baileysSimOptions, installSimTrustRoot } from './baileysOptions.ts';

/** Options of `startSimulator`. */
export interface StartOptions extends Partial<SimOptions> {
  /** WebSocket + control API port (0 or absent: a free port). */
  port?: number;
  host?: '127.0.0.1' | string;
  /**
   * Holds ca.pem, the Noise keys and a snapshot of phones, linked companions and contacts, so a
   * restarted simulator keeps its trust root and its linked apps log in again without a QR.
   * A fresh temp dir (nothing kept) when absent.
   */
  dataDir?: string;
  /**
   * With a dataDir, whether phones, companions and contacts are snapshotted into it (on every
   * link and logout, and every 5 s after traffic). Default true. The benchmark never restarts
   * its simulator and passes false: each snapshot serialises every phone, which at 200 phones
   * took most of a core while the actors it measures were starting.
   */
  snapshots?: boolean;
  logger?: Logger;
}

async function loadIdentity(dataDir: string) {
  const file = join(dataDir, 'noise-keys.json');
  if (existsSync(file)) return identityFromJson(await readFile(file, 'utf8'));
  const identity = processIdentity();
  await writeFile(file, identityToJson(identity), { mode: 0o600 });
  return identity;
}

async function loadTls(dataDir: string, keep: boolean): Promise<LocalTls> {
  const file = join(dataDir, 'media-tls.json');
  if (keep && existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as LocalTls;
  const tls = localTls();
  if (keep) await writeFile(file, JSON.stringify(tls), { mode: 0o600 });
  return tls;
}

/** Starts a simulator: WebSocket (Noise) endpoint, HTTP control API and plain-http media, HTTPS media. */
export async function startSimulator(opts: StartOptions = {}): Promise<Simulator> {
  const host = opts.host ?? '127.0.0.1';
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'wa-sim-')));
  await mkdir(dataDir, { recursive: true });
  const log = opts.logger ?? pino({ level: process.env.WA_SIM_LOG_LEVEL ?? 'silent' });
  const sim = new Simulator(await loadIdentity(dataDir), log, {
    autoCreateContacts: opts.autoCreateContacts ?? true,
    mediaOverHttps: opts.mediaOverHttps ?? false,
    historySync: opts.historySync ?? false,
  });
  const stateFile = join(dataDir, 'state.json');
  const snapshots = !!opts.dataDir && opts.snapshots !== false;
  if (snapshots) await loadSnapshot(sim, stateFile);
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    saving = saving.then(() => saveSnapshot(sim, stateFile)).catch((err: unknown) => log.warn({ err: String(err) }, 'snapshot failed'));
    return saving;
  };
  let dirty = false;
  const timer = snapshots ? setInterval(() => dirty && ((dirty = false), void save()), 5000).unref() : undefined;
  if (snapshots) {
    sim.on('linked', () => void save());
    sim.on('logged-out', () => void save());
    sim.on('message', () => (dirty = true));
    sim.on('connected', () => (dirty = true));
    sim.on('sent', () => (dirty = true));
  }
  const tls = await loadTls(dataDir, !!opts.dataDir);
  sim.caCert = tls.caCert;
  sim.caCertPath = join(dataDir, 'ca.pem');
  await writeFile(sim.caCertPath, tls.caCert);
  const https = await startHttpsMedia(tls, sim.media, host);
  const http = createServer((req, res) => {
    if (sim.media.handle(req, res)) return;
    void handleControl(sim, req, res);
  });
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
  wss.on('connection', (ws) => sim.accept(ws));
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, host, resolve);
  });
  const port = (http.address() as AddressInfo).port;
  // A wildcard bind is reached through loopback (the media certificate covers 127.0.0.1).
  const advertised = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  sim.media.httpHost = `${advertised}:${port}`;
  sim.wsUrl = `ws://${advertised}:${port}/ws/chat`;
  sim.controlUrl = `http://${advertised}:${port}`;
  sim.closeServers = async () => {
    clearInterval(timer);
    if (snapshots) await save();
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    http.closeAllConnections();
    https.closeAllConnections();
    await Promise.all([new Promise((r) => http.close(r)), new Promise((r) => https.close(r))]);
  };
  return sim;
}
