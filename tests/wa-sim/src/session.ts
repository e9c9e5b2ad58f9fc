import { randomBytes } from 'node:crypto';
import type { proto } from '@whiskeysockets/baileys';
import type { SimConnection } from './connection.ts';
import { sendHistoryBootstrap } from './history.ts';
import { buildPairSuccess, deviceSignatureProblem, makeRefs, pairSuccessDetails, parseQr } from './pairing.ts';
import { child, contentBytes, node, readBe, SERVER_JID, unixNow } from './nodes.ts';
import { takeOfflineBacklog } from './outbound.ts';
import { notifyOwnDevices } from './ownDevices.ts';
import { SimError, type CompanionDevice, type SimPhone } from './phone.ts';
import type { Simulator } from './simulator.ts';

/** `<stream:error>` for a code (440 and 401 use the conflict child, wa-sim.md §7). */
export function streamError(code: number): ReturnType<typeof node> {
  if (code === 440) return node('stream:error', {}, [node('conflict', { type: 'replaced' })]);
  if (code === 401) return node('stream:error', { code: 401 }, [node('conflict', { type: 'device_removed' })]);
  return node('stream:error', { code });
}

/** Called once the Noise handshake is done: starts QR registration or logs a companion in. */
export function onAuthenticated(sim: Simulator, conn: SimConnection, payload: proto.ClientPayload): void {
  if (payload.username == null || payload.username === 0) {
    conn.refs = makeRefs(6);
    for (const ref of conn.refs) sim.refs.set(ref, conn);
    const refs = conn.refs.map((ref) => node('ref', {}, Buffer.from(ref)));
    conn.send(node('iq', { from: SERVER_JID, type: 'set', id: sim.nextIqId(), xmlns: 'md' }, [node('pair-device', {}, refs)]));
    return;
  }
  const device = sim.devicesByNoise.get(conn.clientStatic?.toString('hex') ?? '');
  const username = String(payload.username);
  const forced = device ? sim.faults.take(device.phone, device.deviceId, 'failure') : undefined;
  if (forced || !device || device.phone !== username || device.deviceId !== (payload.device ?? 0)) {
    conn.sendAndClose(node('failure', { reason: forced?.reason ?? 401, location: 'sim' }));
    return;
  }
  const old = device.connection;
  if (old && !old.closed) old.sendAndClose(streamError(440));
  device.connection = conn;
  conn.device = device;
  const phone = sim.phones.get(device.phone);
  conn.send(node('success', { t: unixNow(), lid: `${phone?.lid}:${device.deviceId}@lid`, display_name: phone?.name, props: '1', location: 'sim' }));
  const queued = takeOfflineBacklog(device);
  for (const stanza of queued) conn.send(stanza);
  conn.send(node('ib', { from: SERVER_JID }, [node('offline', { count: queued.length })]));
  if (phone && !device.historySent && sim.options.historySync) {
    void sendHistoryBootstrap(phone, device).catch((err: unknown) => sim.log.warn({ err: String(err) }, 'history bootstrap failed'));
  }
  sim.emit('connected', { phone: device.phone, deviceId: device.deviceId, connectionId: conn.id });
}

/** Called when a socket closes: forgets its refs and marks its companion offline. */
export function onClosed(sim: Simulator, conn: SimConnection): void {
  sim.connections.delete(conn);
  for (const ref of conn.refs) sim.refs.delete(ref);
  if (conn.linkCode && sim.codeConnections.get(conn.linkCode.phone) === conn) sim.codeConnections.delete(conn.linkCode.phone);
  const device = conn.device;
  if (device && device.connection === conn) {
    device.connection = undefined;
    sim.emit('disconnected', { phone: device.phone, deviceId: device.deviceId, connectionId: conn.id });
  }
}

/** Sends pair-success, waits for pair-device-sign, records the device, then restarts with 515. */
export async function completePairing(sim: Simulator, conn: SimConnection, phone: SimPhone, identity: Buffer, advSecret: Buffer, method: 'qr' | 'code'): Promise<CompanionDevice> {
  // A second scan while the first one's pair-success is under way (another of the connection's
  // QR codes, shown meanwhile) is refused, as WhatsApp pairs a connection once: it used to send
  // the companion a second pair-success, for a second device id, while it handled the first.
  if (conn.pairing) throw new SimError('qr_expired', 'this connection is already being paired', 409);
  conn.pairing = true;
  try {
    return await pairOnce(sim, conn, phone, identity, advSecret, method);
  } catch (err) {
    conn.pairing = false;
    throw err;
  }
}

async function pairOnce(sim: Simulator, conn: SimConnection, phone: SimPhone, identity: Buffer, advSecret: Buffer, method: 'qr' | 'code'): Promise<CompanionDevice> {
  const deviceId = phone.allocateDeviceId();
  const stanza = buildPairSuccess(phone, deviceId, identity, advSecret, sim.nextIqId());
  const answer = await conn.query(stanza);
  const sign = child(answer, 'pair-device-sign');
  if (answer.attrs.type !== 'result' || !sign) {
    throw new SimError('pairing_rejected', 'the companion rejected pair-success', 409);
  }
  // The real server links a companion only once its device signature checks out.
  const problem = deviceSignatureProblem(contentBytes(child(sign, 'device-identity')), pairSuccessDetails(stanza), identity, phone.identity.public);
  if (problem) {
    conn.sendAndClose(streamError(401));
    throw new SimError('pairing_rejected', `the companion's answer was refused: ${problem}`, 409);
  }
  const reg = conn.payload?.devicePairingData;
  const device: CompanionDevice = {
    phone: phone.phone,
    deviceId,
    noiseKey: conn.clientStatic ?? Buffer.alloc(32),
    registrationId: readBe(reg?.eRegid ?? undefined),
    identityKey: Buffer.from(reg?.eIdent ?? identity),
    signedPreKey: {
      keyId: readBe(reg?.eSkeyId ?? undefined),
      publicKey: Buffer.from(reg?.eSkeyVal ?? Buffer.alloc(32)),
      signature: Buffer.from(reg?.eSkeySig ?? Buffer.alloc(64)),
    },
    preKeys: new Map(),
    platform: conn.payload?.userAgent?.platform != null ? String(conn.payload.userAgent.platform) : 'web',
    queue: [],
  };
  phone.devices.set(deviceId, device);
  sim.devicesByNoise.set(device.noiseKey.toString('hex'), device);
  notifyOwnDevices(phone, device, 'add');
  for (const ref of conn.refs) sim.refs.delete(ref);
  conn.refs = [];
  sim.emit('linked', { phone: phone.phone, deviceId, method });
  conn.sendAndClose(streamError(515));
  return device;
}

/** The phone scans a QR string the app displayed (wa-sim.md §2.1-2.4). */
export async function scanQr(sim: Simulator, phone: SimPhone, qr: string): Promise<{ deviceId: number }> {
  const data = parseQr(qr);
  const conn = sim.refs.get(data.ref);
  if (!conn || conn.closed) throw new SimError('qr_expired', 'no waiting connection for this QR', 404);
  if (!conn.clientStatic?.equals(data.noiseKey)) throw new SimError('qr_mismatch', 'QR noise key does not match the connection', 409);
  const device = await completePairing(sim, conn, phone, data.identityKey, data.advSecret, 'qr');
  return { deviceId: device.deviceId };
}

/** Removes a companion (logout from either side) and forgets its keys. */
export function removeDevice(sim: Simulator, device: CompanionDevice): void {
  const phone = sim.phones.get(device.phone);
  phone?.devices.delete(device.deviceId);
  if (phone) notifyOwnDevices(phone, device, 'remove');
  sim.devicesByNoise.delete(device.noiseKey.toString('hex'));
  sim.emit('logged-out', { phone: device.phone, deviceId: device.deviceId });
}

/** A random id for server-initiated stanzas. */
export function randomId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}
