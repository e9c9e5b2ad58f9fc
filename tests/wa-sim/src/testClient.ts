import {
  initAuthCreds,
  makeWASocket,
  type AuthenticationCreds,
  type AuthenticationState,
  type BaileysEventMap,
  type ConnectionState,
  type SignalDataTypeMap,
  type UserFacingSocketConfig,
  type WASocket,
} from '@whiskeysockets/baileys';
import { pino } from 'pino';
import { baileysSimOptions, type SimTarget } from './baileysOptions.ts';

/** An in-memory Baileys auth state that survives socket re-creation (for tests and benchmarks). */
export interface MemoryAuth {
  state: AuthenticationState;
  saveCreds: () => void;
}

/** Creates an empty in-memory auth state. */
export function memoryAuth(): MemoryAuth {
  const creds: AuthenticationCreds = initAuthCreds();
  const data = new Map<string, unknown>();
  const keys = {
    get: async <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
      const out: Record<string, SignalDataTypeMap[T]> = {};
      for (const id of ids) {
        const v = data.get(`${type}-${id}`);
        if (v !== undefined) out[id] = v as SignalDataTypeMap[T];
      }
      return out;
    },
    set: async (values: Record<string, Record<string, unknown>>) => {
      for (const [type, entries] of Object.entries(values)) {
        for (const [id, v] of Object.entries(entries ?? {})) {
          if (v === null || v === undefined) data.delete(`${type}-${id}`);
          else data.set(`${type}-${id}`, v);
        }
      }
    },
  };
  return { state: { creds, keys: keys as AuthenticationState['keys'] }, saveCreds: () => undefined };
}

/** Options for `connectClient`. */
export interface ClientOptions {
  keepAliveIntervalMs?: number;
  /** How long `linkByQr` waits for each step (default 15 s). */
  timeoutMs?: number;
  config?: Partial<UserFacingSocketConfig>;
}

/** Opens a real Baileys socket against the simulator with the options the app should use. */
export function connectClient(sim: SimTarget, auth: MemoryAuth, opts: ClientOptions = {}): WASocket {
  const sock = makeWASocket({
    ...baileysSimOptions(sim),
    auth: auth.state,
    logger: pino({ level: process.env.BAILEYS_LOG_LEVEL ?? 'silent' }),
    keepAliveIntervalMs: opts.keepAliveIntervalMs ?? 30_000,
    connectTimeoutMs: 10_000,
    defaultQueryTimeoutMs: 10_000,
    markOnlineOnConnect: true,
    shouldSyncHistoryMessage: () => false,
    getMessage: async () => undefined,
    ...opts.config,
  });
  sock.ev.on('creds.update', (update) => {
    Object.assign(auth.state.creds, update);
  });
  return sock;
}

/** Resolves with the first event of `name` that satisfies `match`. */
export function nextEvent<K extends keyof BaileysEventMap>(
  sock: WASocket,
  name: K,
  match: (e: BaileysEventMap[K]) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<BaileysEventMap[K]> {
  return new Promise((resolve, reject) => {
    const handler = (e: BaileysEventMap[K]) => {
      if (!match(e)) return;
      clearTimeout(timer);
      sock.ev.off(name, handler);
      resolve(e);
    };
    const timer = setTimeout(() => {
      sock.ev.off(name, handler);
      reject(new Error(`timed out waiting for ${String(name)}`));
    }, timeoutMs);
    sock.ev.on(name, handler);
  });
}

/** The status code of a close event (`lastDisconnect.error.output.statusCode`). */
export function closeCode(update: Partial<ConnectionState>): number | undefined {
  const err = update.lastDisconnect?.error as { output?: { statusCode?: number } } | undefined;
  return err?.output?.statusCode;
}

/** Waits for `connection: 'close'` and returns its status code. */
export async function waitClose(sock: WASocket, timeoutMs = 15_000): Promise<number | undefined> {
  const update = await nextEvent(sock, 'connection.update', (u) => u.connection === 'close', timeoutMs);
  return closeCode(update);
}

/** Waits for `connection: 'open'`. */
export async function waitOpen(sock: WASocket, timeoutMs = 15_000): Promise<void> {
  await nextEvent(sock, 'connection.update', (u) => u.connection === 'open', timeoutMs);
}

/** Links a fresh auth state to a simulated phone by QR and returns an open socket (the 515 restart included). */
export async function linkByQr(
  sim: SimTarget & { scanQr(phone: string, qr: string): Promise<unknown> },
  phone: string,
  auth: MemoryAuth = memoryAuth(),
  opts: ClientOptions = {},
): Promise<{ sock: WASocket; auth: MemoryAuth }> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const first = connectClient(sim, auth, opts);
  const qrUpdate = await nextEvent(first, 'connection.update', (u) => !!u.qr, timeoutMs);
  const closed = waitClose(first, timeoutMs);
  await sim.scanQr(phone, qrUpdate.qr ?? '');
  const code = await closed;
  if (code !== 515) throw new Error(`expected 515 after pairing, got ${code}`);
  const sock = connectClient(sim, auth, opts);
  await waitOpen(sock, timeoutMs);
  return { sock, auth };
}

/**
 * Resolves when message `id` reaches `status` (3 delivered, 4 read, 5 played), whether Baileys
 * reports it as a `messages.update` or folds it into the buffered own `messages.upsert`
 * (wa-sim.md §4.4 caveat 6). Call it before the receipt can arrive.
 */
export function waitStatus(sock: WASocket, id: () => string | undefined, status: number, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      sock.ev.off('messages.update', onUpdate);
      sock.ev.off('messages.upsert', onUpsert);
      resolve();
    };
    const onUpdate = (ups: BaileysEventMap['messages.update']) => {
      if (ups.some((u) => u.key.id === id() && (u.update.status ?? 0) >= status)) done();
    };
    const onUpsert = (e: BaileysEventMap['messages.upsert']) => {
      if (e.messages.some((m) => m.key.id === id() && (m.status ?? 0) >= status)) done();
    };
    const timer = setTimeout(() => {
      sock.ev.off('messages.update', onUpdate);
      sock.ev.off('messages.upsert', onUpsert);
      reject(new Error(`message ${id()} never reached status ${status}`));
    }, timeoutMs);
    sock.ev.on('messages.update', onUpdate);
    sock.ev.on('messages.upsert', onUpsert);
  });
}
