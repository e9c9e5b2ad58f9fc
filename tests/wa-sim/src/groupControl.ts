import { parseSendBody, presentReceived, str } from './controlInput.ts';
import { setGroupSettings } from './groupApi.ts';
import { requestToJoin, withdrawJoinRequest } from './groupRequests.ts';
import type { SimGroupSettings } from './groups.ts';
import { SimError } from './phone.ts';
import type { Simulator } from './simulator.ts';

type Json = Record<string, unknown>;
type Route = (sim: Simulator, params: string[], body: Json) => Promise<[number, unknown]> | [number, unknown];

function digitsList(body: Json, key: string): string[] {
  const v = body[key];
  if (!Array.isArray(v) || v.length === 0 || v.some((d) => typeof d !== 'string' || !/^\d{5,20}$/.test(d))) {
    throw new SimError('invalid_body', `"${key}" must be a non-empty list of phone numbers (digits)`);
  }
  return v as string[];
}

const SETTINGS = ['announce', 'locked', 'allMembersAdd', 'approval'] as const;

/** `{announce?, locked?, allMembersAdd?, approval?}`: booleans, at least one. */
function settingsOf(body: Json): Partial<SimGroupSettings> {
  const out: Partial<SimGroupSettings> = {};
  for (const key of SETTINGS) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== 'boolean') throw new SimError('invalid_body', `"${key}" must be true or false`);
    out[key] = body[key];
  }
  if (!Object.keys(out).length) throw new SimError('invalid_body', `name at least one of ${SETTINGS.join(', ')}`);
  return out;
}

/** The group routes of the control API (a group is named by the id before `@g.us`). */
export const GROUP_ROUTES: Array<[string, RegExp, Route]> = [
  ['POST', /^\/groups$/, (sim, _p, b) => {
    const addressing = b.addressing ?? 'pn';
    if (addressing !== 'pn' && addressing !== 'lid') throw new SimError('invalid_body', '"addressing" must be pn or lid');
    const creator = typeof b.creator === 'string' ? b.creator : undefined;
    const description = typeof b.description === 'string' ? b.description : undefined;
    return [201, sim.createGroup({ subject: str(b, 'subject'), members: digitsList(b, 'members'), creator, addressing, description })];
  }],
  ['GET', /^\/groups\/(\d+)$/, (sim, [id = '']) => [200, sim.group(id)]],
  ['PUT', /^\/groups\/(\d+)\/subject$/, (sim, [id = ''], b) => [200, sim.setGroupSubject(id, str(b, 'subject'), typeof b.by === 'string' ? b.by : undefined)]],
  ['PUT', /^\/groups\/(\d+)\/settings$/, (sim, [id = ''], b) => [200, setGroupSettings(sim, id, settingsOf(b), typeof b.by === 'string' ? b.by : undefined)]],
  ['POST', /^\/groups\/(\d+)\/join-requests$/, (sim, [id = ''], b) => [200, requestToJoin(sim, id, str(b, 'contact'), typeof b.method === 'string' ? b.method : undefined)]],
  ['DELETE', /^\/groups\/(\d+)\/join-requests\/(\d+)$/, (sim, [id = '', contact = '']) => [200, withdrawJoinRequest(sim, id, contact)]],
  ['POST', /^\/groups\/(\d+)\/participants$/, (sim, [id = ''], b) => [200, sim.addToGroup(id, digitsList(b, 'members'))]],
  ['POST', /^\/contacts\/(\d+)\/groups\/(\d+)\/send$/, async (sim, [phone = '', id = ''], b) => {
    const { to: _to, ...input } = parseSendBody({ ...b, to: id });
    return [200, await sim.contactSendToGroup(phone, id, input)];
  }],
  ['POST', /^\/phones\/(\d+)\/groups\/(\d+)\/send$/, async (sim, [phone = '', id = ''], b) => {
    const { to: _to, ...input } = parseSendBody({ ...b, to: id });
    return [200, await sim.phoneSendToGroup(phone, id, input)];
  }],
  ['GET', /^\/contacts\/(\d+)\/groups\/(\d+)\/messages$/, (sim, [phone = '', id = '']) => [200, sim.groupReceived(phone, id).map(presentReceived)]],
];
