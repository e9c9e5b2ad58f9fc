/**
 * WhatsApp voice and video calls from a contact to an account, as its linked devices see them:
 * the `<call><offer>` while it rings, then how it ended — `<terminate reason="timeout">` (nobody
 * answered), `<terminate>` (the caller hung up), `<accept>` (answered on the phone) or `<reject>`
 * (declined on the phone). A companion may decline it itself (Baileys `rejectCall`: a `<call>`
 * with `<reject>`, answered with an ack). Baileys turns them into `call` events. Nothing of the
 * call's media is simulated.
 */
import { randomBytes } from 'node:crypto';
import type { BinaryNode } from '@whiskeysockets/baileys';
import type { SimConnection } from './connection.ts';
import { child, node, unixNow } from './nodes.ts';
import { deliver, messageId } from './outbound.ts';
import { SimError } from './phone.ts';
import type { Simulator } from './simulator.ts';

/** How a call ended: timed out unanswered, the caller hung up, or the account's phone answered or declined it. */
export type CallEnd = 'timeout' | 'hangup' | 'accept' | 'reject';

/** A call as the simulator keeps it; `state` is `ringing` until it ends, `rejected` when a companion declined it. */
export interface SimCall {
  callId: string;
  contact: string;
  account: string;
  video: boolean;
  /** The caller is named by LID, with its phone number beside it (`caller_pn`), as newer calls are. */
  lid: boolean;
  state: 'ringing' | CallEnd | 'rejected';
}

const CALLS = new WeakMap<Simulator, Map<string, SimCall>>();

function callsOf(sim: Simulator): Map<string, SimCall> {
  let calls = CALLS.get(sim);
  if (!calls) CALLS.set(sim, (calls = new Map()));
  return calls;
}

/** The calls the simulator has seen, by id. */
export function simCall(sim: Simulator, callId: string): SimCall {
  const call = callsOf(sim).get(callId);
  if (!call) throw new SimError('unknown_call', `no simulated call ${callId}`, 404);
  return call;
}

/** A `<call>` stanza from the caller about `call`, to every companion of the account (queued while offline). */
function toAccount(sim: Simulator, call: SimCall, info: BinaryNode): void {
  const contact = sim.contacts.get(call.contact)!;
  const phone = sim.phones.get(call.account)!;
  const stanza = node('call', { from: call.lid ? contact.lidJid : contact.jid, id: messageId(), t: unixNow(), notify: contact.name || undefined }, [info]);
  for (const device of phone.devices.values()) deliver(device, stanza);
}

function callAttrs(sim: Simulator, call: SimCall): Record<string, string> {
  const contact = sim.contacts.get(call.contact)!;
  return { 'call-id': call.callId, 'call-creator': call.lid ? contact.lidJid : contact.jid, ...(call.lid ? { caller_pn: contact.jid } : {}) };
}

/** A contact calls an account: its companions get the offer while it rings. Returns the call's id. */
export function startCall(sim: Simulator, contact: string, account: string, opts: { video?: boolean; lid?: boolean } = {}): { callId: string } {
  if (!sim.contacts.has(contact)) throw new SimError('unknown_contact', `no simulated contact ${contact}`, 404);
  if (!sim.phones.has(account)) throw new SimError('unknown_phone', `no simulated phone ${account}`, 404);
  const call: SimCall = { callId: randomBytes(16).toString('hex').toUpperCase(), contact, account, video: !!opts.video, lid: !!opts.lid, state: 'ringing' };
  callsOf(sim).set(call.callId, call);
  const media = [node('audio', { enc: 'opus', rate: '16000' }), ...(call.video ? [node('video', { enc: 'vp8', dec: 'vp8' })] : [])];
  toAccount(sim, call, node('offer', callAttrs(sim, call), media));
  return { callId: call.callId };
}

/** The call ends (see CallEnd); the account's companions are told. 409 once it has ended. */
export function endCall(sim: Simulator, callId: string, how: CallEnd): SimCall {
  const call = simCall(sim, callId);
  if (call.state !== 'ringing') throw new SimError('call_ended', `call ${callId} already ended (${call.state})`, 409);
  call.state = how;
  const attrs = callAttrs(sim, call);
  const info = how === 'accept' || how === 'reject' ? node(how, attrs) : node('terminate', { ...attrs, ...(how === 'timeout' ? { reason: 'timeout' } : {}) });
  toAccount(sim, call, info);
  return { ...call };
}

/**
 * A companion's own `<call>`: `<reject>` declines a ringing call (Baileys `rejectCall`), answered
 * with the ack its query waits for; the simulator emits `call-rejected`.
 */
export function onAppCall(sim: Simulator, conn: SimConnection, stanza: BinaryNode): void {
  const reject = child(stanza, 'reject');
  conn.send(node('ack', { id: stanza.attrs.id, class: 'call', type: reject ? 'reject' : undefined, from: stanza.attrs.to }));
  const call = reject ? callsOf(sim).get(reject.attrs['call-id'] ?? '') : undefined;
  if (!call || call.state !== 'ringing' || conn.device?.phone !== call.account) return;
  call.state = 'rejected';
  sim.emit('call-rejected', { callId: call.callId, phone: call.account, contact: call.contact, deviceId: conn.device.deviceId });
}
