import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Curve, derivePairingCodeKey, hkdf, type BinaryNode } from '@whiskeysockets/baileys';
import { newKeyPair } from './certs.ts';
import type { SimConnection } from './connection.ts';
import { child, contentBytes, node, parseJid, SERVER_JID, unixNow } from './nodes.ts';
import { SimError, type SimPhone } from './phone.ts';
import { completePairing, randomId } from './session.ts';
import type { Simulator } from './simulator.ts';

function ctr(key: Buffer, iv: Buffer, data: Buffer): Buffer {
  const c = createCipheriv('aes-256-ctr', key, iv);
  return Buffer.concat([c.update(data), c.final()]);
}

/** Handles `link_code_companion_reg` stage companion_hello / companion_finish (wa-sim.md §2.5). */
export function onLinkCodeIq(sim: Simulator, conn: SimConnection, iq: BinaryNode): BinaryNode[] | undefined {
  const reg = child(iq, 'link_code_companion_reg');
  if (!reg) return undefined;
  if (reg.attrs.stage === 'companion_hello') {
    const phone = parseJid(reg.attrs.jid)?.user ?? '';
    const wrapped = contentBytes(child(reg, 'link_code_pairing_wrapped_companion_ephemeral_pub'));
    if (!wrapped || wrapped.length !== 80) return undefined;
    const ref = randomBytes(16).toString('hex');
    conn.linkCode = { phone, wrappedEphemeral: wrapped, ref };
    sim.codeConnections.set(phone, conn);
    sim.emit('code-requested', { phone });
    return [node('link_code_companion_reg', {}, [node('link_code_pairing_ref', {}, Buffer.from(ref))])];
  }
  if (reg.attrs.stage === 'companion_finish') conn.linkCode?.finish?.(reg);
  return undefined;
}

/** The app's companion_hello is fire-and-forget, so the phone may be faster: wait for it briefly. */
async function waitForCodeRequest(sim: Simulator, phone: string, timeoutMs = 3000): Promise<SimConnection | undefined> {
  const current = sim.codeConnections.get(phone);
  if (current && !current.closed) return current;
  return new Promise((resolve) => {
    const onRequest = (e: { phone: string }) => {
      if (e.phone !== phone) return;
      clearTimeout(timer);
      sim.off('code-requested', onRequest);
      resolve(sim.codeConnections.get(phone));
    };
    const timer = setTimeout(() => {
      sim.off('code-requested', onRequest);
      resolve(undefined);
    }, timeoutMs);
    sim.on('code-requested', onRequest);
  });
}

/** The phone enters the 8-character code the app showed; links the companion or throws. */
export async function enterPairingCode(sim: Simulator, phone: SimPhone, code: string, waitMs = 3000): Promise<{ deviceId: number }> {
  const conn = await waitForCodeRequest(sim, phone.phone, waitMs);
  const state = conn?.linkCode;
  if (!conn || conn.closed || !state) throw new SimError('no_pending_code', 'no app is waiting for a pairing code for this phone', 404);
  const normalized = code.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  if (normalized.length !== 8) throw new SimError('bad_code', 'pairing code must have 8 characters');
  const w = state.wrappedEphemeral;
  const companionKey = await derivePairingCodeKey(normalized, w.subarray(0, 32));
  const companionEphemeral = ctr(companionKey, w.subarray(32, 48), w.subarray(48, 80));
  const primaryEphemeral = newKeyPair();
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const ourKey = await derivePairingCodeKey(normalized, salt);
  const wrappedPrimary = Buffer.concat([salt, iv, ctr(ourKey, iv, primaryEphemeral.public)]);
  const finished = new Promise<BinaryNode>((resolve, reject) => {
    const timer = setTimeout(() => reject(new SimError('pairing_timeout', 'companion did not finish code pairing', 504)), 10_000);
    state.finish = (reg) => {
      clearTimeout(timer);
      resolve(reg);
    };
  });
  conn.send(
    node('notification', { from: SERVER_JID, type: 'link_code_companion_reg', id: randomId(), t: unixNow() }, [
      node('link_code_companion_reg', {}, [
        node('link_code_pairing_ref', {}, Buffer.from(state.ref)),
        node('primary_identity_pub', {}, phone.identity.public),
        node('link_code_pairing_wrapped_primary_ephemeral_pub', {}, wrappedPrimary),
      ]),
    ]),
  );
  const reg = await finished;
  // Let the router answer companion_finish before pair-success goes out.
  await new Promise((resolve) => setImmediate(resolve));
  const bundle = contentBytes(child(reg, 'link_code_pairing_wrapped_key_bundle')) ?? Buffer.alloc(0);
  const shared = Curve.sharedKey(primaryEphemeral.private, companionEphemeral);
  const key = Buffer.from(hkdf(shared, 32, { salt: bundle.subarray(0, 32), info: 'link_code_pairing_key_bundle_encryption_key' }));
  let plain: Buffer;
  try {
    const d = createDecipheriv('aes-256-gcm', key, bundle.subarray(32, 44));
    d.setAuthTag(bundle.subarray(bundle.length - 16));
    plain = Buffer.concat([d.update(bundle.subarray(44, bundle.length - 16)), d.final()]);
  } catch {
    conn.linkCode = undefined;
    throw new SimError('wrong_code', 'the pairing code does not match', 409);
  }
  const companionIdentity = Buffer.from(plain.subarray(0, 32));
  const random = plain.subarray(64, 96);
  const identityShared = Curve.sharedKey(phone.identity.private, companionIdentity);
  const advSecret = Buffer.from(hkdf(Buffer.concat([shared, identityShared, random]), 32, { info: 'adv_secret' }));
  conn.linkCode = undefined;
  sim.codeConnections.delete(phone.phone);
  const device = await completePairing(sim, conn, phone, companionIdentity, advSecret, 'code');
  return { deviceId: device.deviceId };
}
