/**
 * Schema-driven fuzz of the running gateway: reads /api/openapi.json, then calls every
 * operation as an admin and as an employee with valid-ish input and hostile variants (wrong
 * types, huge numbers, dates out of range, unicode, extra fields, malformed JSON and multipart,
 * path parameters that are not ids), and every path with the methods it does not support.
 * Nothing may answer 5xx; every error uses the envelope; unsupported methods answer 405 + Allow.
 * Seeded (FUZZ_SEED to vary it), sequential, no sleeps.
 */
import { Assignment, Media, putMedia, Role, Session } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';
import {
  HOSTILE_BODIES,
  HOSTILE_PATH,
  HOSTILE_QUERY,
  hostileQueryValues,
  multipartBody,
  mutateFields,
  operationsOf,
  pick,
  seeded,
  validish,
  type FuzzRequest,
  type Operation,
  type Schema,
} from './support/openapiFuzz.ts';
import { rawRequest, type RawResponse } from './support/rawHttp.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'OPTIONS'];
const CHAT = '34622000001@s.whatsapp.net';
type Role = 'admin' | 'employee';

let w: GatewayWorld;
let doc: Schema;
let ops: Operation[];
const tokens: Record<Role, string> = { admin: '', employee: '' };
/** Real ids for path parameters, so valid-ish requests reach past the lookups. */
const pools: Record<string, string[]> = {};
const failures: string[] = [];
const lockedOut = new Set<Role>();
let sent = 0;
/** Answers per operation and status, printed with FUZZ_REPORT=1 (to see how deep the fuzz gets). */
const report = new Map<string, Map<number, number>>();

/** A path parameter's value: a real id when there is one for that name, else one from the schema. */
function pathValue(op: Operation, name: string, rnd: () => number): string {
  const pool = pools[name];
  if (pool && rnd() < 0.85) return encodeURIComponent(pick(rnd, pool));
  const schema = op.params.find((p) => p.in === 'path' && p.name === name)?.schema;
  return encodeURIComponent(String(validish(doc, schema, rnd)));
}

/** The path with its parameters filled in; `hostile` names one to replace by garbage. */
function fillPath(op: Operation, rnd: () => number, hostile?: string): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === hostile ? pick(rnd, HOSTILE_PATH) : pathValue(op, name, rnd)));
}

/** A query string: required parameters (and some optional ones), valid-ish; one hostile when asked. */
function fillQuery(op: Operation, rnd: () => number, hostile?: string, optional = true, hostileValue?: string): string {
  const parts: string[] = [];
  for (const p of op.params.filter((x) => x.in === 'query')) {
    if (p.name === hostile) {
      const raw = hostileValue ?? pick(rnd, HOSTILE_QUERY);
      const value = raw.startsWith('%') ? raw : encodeURIComponent(raw);
      const shape = rnd();
      if (shape < 0.15) parts.push(`${p.name}=${value}&${p.name}=${value}`);
      else if (shape < 0.3) parts.push(`${p.name}[$ne]=${value}`);
      else parts.push(`${p.name}=${value}`);
    } else if (p.required || (optional && rnd() < 0.4)) {
      const pool = pools[p.name];
      const value = pool && rnd() < 0.85 ? pick(rnd, pool) : String(validish(doc, p.schema, rnd));
      parts.push(`${p.name}=${encodeURIComponent(value)}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The requests one caller sends to one operation: valid-ish first, then hostile variants. */
function requestsFor(op: Operation, rnd: () => number): FuzzRequest[] {
  const json = (label: string, body: unknown, path = fillPath(op, rnd) + fillQuery(op, rnd)): FuzzRequest => ({
    label,
    method: op.method,
    path,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body) ?? '',
  });
  const bare = (label: string, path: string): FuzzRequest => ({ label, method: op.method, path, headers: {} });
  const out: FuzzRequest[] = [];
  const valid = op.json ? validish(doc, op.json, rnd) : undefined;
  const withBody = (label: string, path: string): FuzzRequest => (op.json ? json(label, valid, path) : bare(label, path));
  out.push(withBody('valid-ish', fillPath(op, rnd) + fillQuery(op, rnd, undefined, false)));
  if (op.params.some((p) => p.in === 'query' && !p.required)) out.push(withBody('valid-ish options', fillPath(op, rnd) + fillQuery(op, rnd)));
  if (op.multipart) {
    const fields = validish(doc, op.multipart, rnd) as Record<string, unknown>;
    const text: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields)) if (k !== 'file') text[k] = String(v);
    if ('to' in text) text.to = CHAT;
    const file = { name: pick(rnd, ['a.txt', 'ñandú 📄.pdf', '../../etc/passwd', 'x'.repeat(300)]), type: pick(rnd, ['text/plain', 'image/png', 'text/html', 'application/x-sh']), bytes: Buffer.from('fuzz file') };
    const form = multipartBody(text, file, { fileFirst: rnd() < 0.3 });
    out.push({ label: 'multipart valid-ish', method: op.method, path: fillPath(op, rnd) + fillQuery(op, rnd), headers: { 'content-type': form.type }, body: form.body });
  }
  if (op.json) for (const m of mutateFields(valid, rnd)) out.push(json(`field ${m.label}`, m.body));
  if (op.json || op.multipart) {
    const raw = pick(rnd, HOSTILE_BODIES);
    out.push({ label: raw.label, method: op.method, path: fillPath(op, rnd) + fillQuery(op, rnd), headers: { 'content-type': raw.type }, body: raw.body });
  }
  // Every path parameter once, every query parameter twice, with garbage.
  for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) out.push(withBody(`path ${name!} hostile`, fillPath(op, rnd, name) + fillQuery(op, rnd)));
  for (const p of op.params.filter((x) => x.in === 'query')) {
    const values = hostileQueryValues(p.schema);
    // Numbers and dates: every hostile value; other strings: two picked at random.
    for (const v of values === HOSTILE_QUERY ? [pick(rnd, values), pick(rnd, values)] : values) {
      out.push(withBody(`query ${p.name}=${v.slice(0, 30)}`, fillPath(op, rnd) + fillQuery(op, rnd, p.name, true, v)));
    }
  }
  return out;
}

/** Sends one request as `who`, signing in again when a request revoked the token (logout). */
async function send(who: Role | null, req: FuzzRequest): Promise<RawResponse> {
  const headers = { ...req.headers, ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}) };
  sent += 1;
  let res: RawResponse;
  try {
    res = await rawRequest(w.url, req.method, req.path, { headers, ...(req.body !== undefined ? { body: req.body } : {}) });
  } catch (err) {
    failures.push(`${who} ${req.method} ${req.path.slice(0, 120)} [${req.label}]: no answer (${(err as Error).message})`);
    return { status: 0, headers: {}, body: null };
  }
  const where = `${who} ${req.method} ${req.path.slice(0, 120)} [${req.label}]`;
  const key = `${who} ${req.method} ${req.path.split('?')[0]!.replace(/\/(fz-live|[0-9a-f]{24}|34622000001[^/]*)(?=\/|$)/g, '/:x').slice(0, 80)}`;
  const counts = report.get(key) ?? new Map<number, number>();
  counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
  report.set(key, counts);
  if (res.status >= 500) failures.push(`${where}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
  else if (res.status >= 400 && typeof res.body?.error?.code !== 'string') failures.push(`${where}: ${res.status} without the error envelope`);
  if (who && res.status === 401 && req.path !== '/api/auth/login' && !lockedOut.has(who)) {
    // A logout revoked the token: sign in again. If that fails, the fuzz locked itself out
    // (something let it disable or re-key its own caller): a finding, reported once.
    try {
      tokens[who] = await w.login(who);
    } catch (err) {
      lockedOut.add(who);
      failures.push(`${where}: the ${who} cannot sign in again (${(err as Error).message.slice(0, 120)})`);
    }
  }
  return res;
}

beforeAll(async () => {
  w = await openGateway('gw-fuzz');
  doc = (await w.api('GET', '/api/openapi.json')).body;
  // Deletions last, so the records they remove are there for every other operation first.
  ops = operationsOf(doc).sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
  // A session without an actor, an assigned chat with a file, a custom role: real targets.
  await Session.create({ sessionId: 'fz-live', name: 'Fuzz' });
  await Assignment.create({ sessionId: 'fz-live', chatId: CHAT, userId: w.users.employee.id });
  const blob = await putMedia(Buffer.from('fuzz media'), { contentType: 'text/plain' });
  const media = await Media.create({ sessionId: 'fz-live', chatId: CHAT, kind: 'document', mimeType: 'text/plain', size: blob.size, sha256: blob.sha256, gridFsId: blob.id, direction: 'in' });
  const role = await Role.create({ name: 'fuzz-role', description: 'fuzz', permissions: [{ action: 'read', subject: 'Session' }], builtIn: false });
  Object.assign(pools, {
    sessionId: ['fz-live'],
    chatId: [CHAT, '34622000001'],
    fileId: [media._id.toString()],
    // Never the admin's or the employee's own id: the fuzz must not disable the callers it uses.
    userId: [w.users.outsider.id, w.users.supervisor.id],
    id: [w.users.outsider.id, role._id.toString()],
  });
  tokens.admin = await w.login('admin');
  tokens.employee = await w.login('employee');
}, 120_000);
afterAll(async () => {
  if (process.env.FUZZ_REPORT) {
    for (const [k, counts] of [...report].sort()) process.stdout.write(`${k.padEnd(90)} ${[...counts].map(([st, n]) => `${st}×${n}`).join(' ')}\n`);
  }
  await w?.close();
});

describe('schema-driven fuzz of /api/openapi.json', () => {
  it('covers a document with operations to fuzz', () => {
    expect(ops.length).toBeGreaterThan(40);
  });

  it('answers every method a path does not support with 405, Allow and the envelope', async () => {
    const rnd = seeded(SEED);
    failures.length = 0;
    // A concrete path may match several templates (PUT /api/sessions/stats is a rename of a
    // session called "stats"): a method is supported when any matching template has it.
    const templates = ops.map((o) => ({ method: o.method, re: new RegExp(`^${o.path.replace(/\{\w+\}/g, '[^/]+')}$`) }));
    for (const path of new Set(ops.map((o) => o.path))) {
      const concrete = fillPath(ops.find((o) => o.path === path)!, rnd);
      const supported = new Set(templates.filter((t) => t.re.test(concrete)).map((t) => t.method));
      for (const method of METHODS.filter((m) => !supported.has(m))) {
        const res = await send('admin', { label: 'unsupported method', method, path: concrete, headers: {} });
        const allow = String(res.headers.allow ?? '').split(/,\s*/);
        if (res.status !== 405 || ![...supported].every((m) => allow.includes(m))) failures.push(`admin ${method} ${concrete}: ${res.status} (allow: ${allow.join(', ')}), expected 405 with Allow`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it.each(['admin', 'employee'] as const)('never answers 5xx to an %s, whatever the input', async (who) => {
    const rnd = seeded(SEED + (who === 'admin' ? 1 : 2));
    failures.length = 0;
    const before = sent;
    for (const op of ops) {
      for (const req of requestsFor(op, rnd)) await send(who, req);
    }
    expect(sent - before).toBeGreaterThan(ops.length * 3);
    expect(failures).toEqual([]);
  }, 120_000);
});
