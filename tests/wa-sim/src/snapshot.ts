import { readFile, rename, writeFile } from 'node:fs/promises';
import type { AutoReceipts } from './contact.ts';
import type { SimGroup, SimGroupSettings } from './groups.ts';
import type { CompanionDevice } from './phone.ts';
import type { Simulator } from './simulator.ts';
import type { SignalStoreState } from './signalStore.ts';

/** JSON form of the simulator's durable state: phones with their linked companions, contacts with their Signal state. */
interface Snapshot {
  version: 1;
  phones: Array<{
    phone: string;
    name: string;
    lid: string;
    identity: { pub: string; priv: string };
    store?: SignalStoreState;
    nextDeviceId: number;
    /** Contacts the account blocked (absent in snapshots from before blocklists: none). */
    blocked?: string[];
    devices: Array<Omit<CompanionDevice, 'connection' | 'queue' | 'noiseKey' | 'identityKey' | 'signedPreKey' | 'preKeys'> & {
      noiseKey: string;
      identityKey: string;
      signedPreKey: { keyId: number; publicKey: string; signature: string };
      preKeys: Array<[number, string]>;
    }>;
  }>;
  contacts: Array<{ phone: string; name: string; lid: string; autoReceipts: AutoReceipts; store: SignalStoreState }>;
  /** Groups and their members (sender keys are not kept: members ask for them again by retry receipts). */
  groups?: Array<Omit<SimGroup, 'admins' | 'settings' | 'requests'> & { admins: string[]; settings?: SimGroupSettings; requests?: Array<[string, { at: number; method: string }]> }>;
}

const b64 = (b: Buffer) => b.toString('base64');
const buf = (s: string) => Buffer.from(s, 'base64');

/** Serialises phones, companions, contacts and groups (not messages, queues or connections). */
export function takeSnapshot(sim: Simulator): string {
  const snap: Snapshot = {
    version: 1,
    phones: [...sim.phones.values()].map((p) => ({
      phone: p.phone,
      name: p.name,
      lid: p.lid,
      identity: { pub: b64(p.identity.public), priv: b64(p.identity.private) },
      nextDeviceId: p.nextDeviceId,
      blocked: [...p.blocked],
      store: p.store.exportState(),
      devices: [...p.devices.values()].map((d) => ({
        phone: d.phone,
        deviceId: d.deviceId,
        registrationId: d.registrationId,
        platform: d.platform,
        historySent: d.historySent,
        noiseKey: b64(d.noiseKey),
        identityKey: b64(d.identityKey),
        signedPreKey: { keyId: d.signedPreKey.keyId, publicKey: b64(d.signedPreKey.publicKey), signature: b64(d.signedPreKey.signature) },
        preKeys: [...d.preKeys].map(([id, k]) => [id, b64(k)] as [number, string]),
      })),
    })),
    contacts: [...sim.contacts.values()].map((c) => ({ phone: c.phone, name: c.name, lid: c.lid, autoReceipts: c.autoReceipts, store: c.store.exportState() })),
    groups: [...sim.groups.byId.values()].map((g) => ({ ...g, members: [...g.members], admins: [...g.admins], requests: [...g.requests] })),
  };
  return JSON.stringify(snap);
}

/** Restores a snapshot into an empty simulator. */
export function restoreSnapshot(sim: Simulator, json: string): void {
  const snap = JSON.parse(json) as Snapshot;
  if (snap.version !== 1) return;
  for (const p of snap.phones) {
    const phone = sim.createPhone({ phone: p.phone, name: p.name });
    sim.byLid.delete(phone.lid);
    phone.lid = p.lid;
    sim.byLid.set(phone.lid, phone);
    phone.identity = { public: buf(p.identity.pub), private: buf(p.identity.priv) };
    phone.nextDeviceId = p.nextDeviceId;
    if (p.store) phone.store.importState(p.store);
    for (const contact of p.blocked ?? []) phone.blocked.add(contact);
    for (const d of p.devices) {
      const device: CompanionDevice = {
        ...d,
        noiseKey: buf(d.noiseKey),
        identityKey: buf(d.identityKey),
        signedPreKey: { keyId: d.signedPreKey.keyId, publicKey: buf(d.signedPreKey.publicKey), signature: buf(d.signedPreKey.signature) },
        preKeys: new Map(d.preKeys.map(([id, k]) => [id, buf(k)])),
        queue: [],
      };
      phone.devices.set(device.deviceId, device);
      sim.devicesByNoise.set(device.noiseKey.toString('hex'), device);
    }
  }
  for (const c of snap.contacts) {
    const contact = sim.createContact({ phone: c.phone, name: c.name });
    sim.byLid.delete(contact.lid);
    contact.lid = c.lid;
    sim.byLid.set(contact.lid, contact);
    contact.autoReceipts = c.autoReceipts;
    contact.store.importState(c.store);
  }
  // Snapshots from before settings and requests were kept: a new group's.
  const open: SimGroupSettings = { announce: false, locked: false, allMembersAdd: false, approval: false };
  for (const g of snap.groups ?? []) sim.groups.byId.set(g.id, { ...g, admins: new Set(g.admins), settings: { ...open, ...g.settings }, requests: new Map(g.requests ?? []) });
}

/** Writes the snapshot atomically (temp file + rename). */
export async function saveSnapshot(sim: Simulator, file: string): Promise<void> {
  await writeFile(`${file}.tmp`, takeSnapshot(sim), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
}

/** Loads a snapshot file if it exists. */
export async function loadSnapshot(sim: Simulator, file: string): Promise<boolean> {
  try {
    restoreSnapshot(sim, await readFile(file, 'utf8'));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
