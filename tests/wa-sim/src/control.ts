import type { IncomingMessage, ServerResponse } from 'node:http';
import { blocklistOf } from './blocklist.ts';
import { endCall, startCall, type CallEnd } from './calls.ts';
import { parseFaultBody, parseSendBody, presentReceived, str } from './controlInput.ts';
import { GROUP_ROUTES } from './groupControl.ts';
import { SimError } from './phone.ts';
import type { Simulator } from './simulator.ts';
import type { ReceiptType } from './types.ts';

const MAX_BODY = 96 * 1024 * 1024;
type Json = Record<string, unknown>;
type Route = (sim: Simulator, params: string[], body: Json) => Promise<[number, unknown]> | [number, unknown];

const ROUTES: Array<[string, RegExp, Route]> = [
  ['GET', /^\/health$/, (sim) => [200, { ok: true, phones: sim.phones.size, contacts: sim.contacts.size, connections: sim.connections.size }]],
  ['POST', /^\/phones$/, (sim, _p, b) => {
    const phone = sim.createPhone({ phone: str(b, 'phone'), name: typeof b.name === 'string' ? b.name : '' });
    return [201, { phone: phone.phone, name: phone.name, lid: phone.lid }];
  }],
  ['GET', /^\/phones\/(\d+)$/, (sim, [phone = '']) => [200, { phone, devices: sim.devices(phone) }]],
  ['POST', /^\/phones\/(\d+)\/link$/, async (sim, [phone = ''], b) => [200, await sim.scanQr(phone, str(b, 'qr'))]],
  ['POST', /^\/phones\/(\d+)\/link-code$/, async (sim, [phone = ''], b) => [200, await sim.enterPairingCode(phone, str(b, 'code'))]],
  ['POST', /^\/phones\/(\d+)\/unlink$/, (sim, [phone = ''], b) => {
    sim.unlink(phone, typeof b.deviceId === 'number' ? b.deviceId : undefined);
    return [200, { ok: true }];
  }],
  ['POST', /^\/phones\/(\d+)\/send$/, async (sim, [phone = ''], b) => [200, await sim.phoneSend(phone, parseSendBody(b))]],
  ['GET', /^\/phones\/(\d+)\/blocklist$/, (sim, [phone = '']) => [200, { blocked: blocklistOf(sim, phone) }]],
  ['PUT', /^\/phones\/(\d+)\/blocklist\/(\d+)$/, (sim, [phone = '', contact = ''], b) => {
    if (typeof b.blocked !== 'boolean') throw new SimError('invalid_body', '"blocked" must be true or false');
    return [200, sim.blockFromPhone(phone, contact, b.blocked)];
  }],
  ['GET', /^\/phones\/(\d+)\/messages$/, (sim, [phone = '']) => [200, sim.phoneReceived(phone).map(presentReceived)]],
  ['POST', /^\/contacts$/, (sim, _p, b) => {
    const c = sim.createContact({ phone: str(b, 'phone'), name: typeof b.name === 'string' ? b.name : '' });
    return [201, { phone: c.phone, name: c.name, lid: c.lid }];
  }],
  ['POST', /^\/contacts\/(\d+)\/send$/, async (sim, [phone = ''], b) => [200, await sim.contactSend(phone, parseSendBody(b))]],
  ['GET', /^\/contacts\/(\d+)\/messages$/, (sim, [phone = '']) => [200, sim.received(phone).map(presentReceived)]],
  ['POST', /^\/contacts\/(\d+)\/calls$/, (sim, [phone = ''], b) => [200, startCall(sim, phone, str(b, 'to'), { video: b.video === true, lid: b.lid === true })]],
  ['POST', /^\/calls\/([0-9A-F]+)\/end$/, (sim, [callId = ''], b) => {
    const how = str(b, 'how');
    if (!['timeout', 'hangup', 'accept', 'reject'].includes(how)) throw new SimError('invalid_body', '"how" must be timeout, hangup, accept or reject');
    return [200, endCall(sim, callId, how as CallEnd)];
  }],
  ['POST', /^\/contacts\/(\d+)\/receipts$/, async (sim, [phone = ''], b) => {
    const type = str(b, 'type');
    if (!['delivery', 'read', 'played'].includes(type)) throw new SimError('invalid_body', '"type" must be delivery, read or played');
    await sim.sendReceipt(phone, str(b, 'id'), type as ReceiptType);
    return [200, { ok: true }];
  }],
  ['POST', /^\/contacts\/(\d+)\/presence$/, (sim, [phone = ''], b) => {
    const state = str(b, 'state');
    if (!['composing', 'paused', 'recording', 'available', 'unavailable'].includes(state)) throw new SimError('invalid_body', 'bad "state"');
    sim.contactPresence(phone, str(b, 'to'), state as 'composing');
    return [200, { ok: true }];
  }],
  ['POST', /^\/contacts\/(\d+)\/release-retries$/, (sim, [phone = '']) => [200, { ids: sim.releaseRetries(phone) }]],
  ['PUT', /^\/contacts\/(\d+)\/auto-receipts$/, (sim, [phone = ''], b) => {
    sim.setAutoReceipts(phone, { delivery: b.delivery === undefined ? undefined : b.delivery === true, read: b.read === undefined ? undefined : b.read === true });
    return [200, { ok: true }];
  }],
  ['POST', /^\/faults$/, (sim, _p, b) => {
    sim.injectFault(parseFaultBody(b));
    return [200, { ok: true }];
  }],
  ...GROUP_ROUTES,
];

async function readJson(req: IncomingMessage): Promise<Json> {
  if (req.method === 'GET') return {};
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new SimError('body_too_large', 'request body too large', 413);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new SimError('invalid_json', 'request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SimError('invalid_json', 'request body must be a JSON object');
  return parsed as Json;
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}

/** HTTP JSON control API of the simulator (used by `pnpm sim` and by tests over real HTTP). */
export async function handleControl(sim: Simulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  try {
    const matches = ROUTES.filter(([, re]) => re.test(path));
    if (matches.length === 0) throw new SimError('not_found', `no route ${path}`, 404);
    const route = matches.find(([method]) => method === req.method);
    if (!route) throw new SimError('method_not_allowed', `${req.method} not allowed on ${path}`, 405);
    const body = await readJson(req);
    const [status, payload] = await route[2](sim, route[1].exec(path)?.slice(1) ?? [], body);
    send(res, status, payload);
  } catch (err) {
    if (err instanceof SimError) send(res, err.status, { error: { code: err.code, message: err.message } });
    else {
      sim.log.error({ err: String(err) }, 'control request failed');
      send(res, 500, { error: { code: 'internal', message: 'internal error' } });
    }
  }
}
