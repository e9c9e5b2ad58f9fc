import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, memoryAuth, nextEvent, waitClose, waitOpen } from './testClient.ts';

const here = dirname(fileURLToPath(import.meta.url));
const tsx = join(here, '../../../node_modules/.bin/tsx');
let child: ChildProcess;
let info: { wsUrl: string; controlUrl: string; trustRoot: string; caCert: string };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers are asserted with toMatchObject
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${info.controlUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

beforeAll(async () => {
  child = spawn(tsx, [join(here, 'cli.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  info = JSON.parse(await new Promise<string>((resolve) => lines.once('line', resolve)));
});

afterAll(async () => {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

describe('pnpm sim (standalone CLI and control API)', () => {
  it('prints its endpoints as one JSON line', async () => {
    expect(info.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    expect(info.trustRoot).toMatch(/^[0-9a-f]{64}$/);
    expect(await readFile(info.caCert, 'utf8')).toContain('BEGIN CERTIFICATE');
    expect(await call('GET', '/health')).toMatchObject({ status: 200, json: { ok: true } });
  });

  it('links, exchanges text and media and shows what the contact received', async () => {
    expect((await call('POST', '/phones', { phone: '15551110000', name: 'Ctl' })).status).toBe(201);
    expect((await call('POST', '/contacts', { phone: '15551112222', name: 'Dora' })).status).toBe(201);
    const target = { wsUrl: info.wsUrl, trustRootHex: info.trustRoot, caCert: await readFile(info.caCert, 'utf8') };
    const auth = memoryAuth();
    const first = connectClient(target, auth);
    const { qr } = await nextEvent(first, 'connection.update', (u) => !!u.qr);
    const closed = waitClose(first);
    expect(await call('POST', '/phones/15551110000/link', { qr })).toMatchObject({ status: 200, json: { deviceId: 1 } });
    expect(await closed).toBe(515);
    const sock = connectClient(target, auth);
    await waitOpen(sock);

    const image = Buffer.from('not really a jpeg');
    const upsert = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => !!m.message?.imageMessage));
    const sent = await call('POST', '/contacts/15551112222/send', { to: '15551110000', image: image.toString('base64'), caption: 'mira' });
    expect(sent.status).toBe(200);
    const msg = (await upsert).messages.find((m) => m.key.id === sent.json.id);
    expect(msg?.message?.imageMessage?.caption).toBe('mira');

    const out = await sock.sendMessage('15551112222@s.whatsapp.net', { text: 'por http' });
    let messages: Array<{ id: string; text?: string }> = [];
    const seen = new Promise<void>((resolve) => {
      const poll = async () => {
        messages = (await call('GET', '/contacts/15551112222/messages')).json;
        if (messages.some((m) => m.id === out?.key.id)) resolve();
        else setImmediate(poll);
      };
      void poll();
    });
    await seen;
    expect(messages.find((m) => m.id === out?.key.id)).toMatchObject({ text: 'por http', kind: 'text', from: '15551110000' });

    const dropped = waitClose(sock);
    expect((await call('POST', '/faults', { phone: '15551110000', kind: 'stream-error', code: 503 })).status).toBe(200);
    expect(await dropped).toBe(503);
  });

  it('reports and unlinks devices, and manages receipts and presence of contacts', async () => {
    expect(await call('GET', '/phones/15551110000')).toMatchObject({ status: 200, json: { devices: [{ deviceId: 1, online: false }] } });
    expect((await call('PUT', '/contacts/15551112222/auto-receipts', { delivery: false, read: true })).status).toBe(200);
    expect(await call('POST', '/contacts/15551112222/receipts', { id: 'NOPE', type: 'read' })).toMatchObject({ status: 404, json: { error: { code: 'unknown_message' } } });
    expect(await call('POST', '/contacts/15551112222/receipts', { id: 'NOPE', type: 'seen' })).toMatchObject({ status: 400, json: { error: { code: 'invalid_body' } } });
    expect((await call('POST', '/contacts/15551112222/presence', { to: '15551110000', state: 'composing' })).status).toBe(200);
    expect((await call('POST', '/contacts/15551112222/presence', { to: '15551110000', state: 'dancing' })).status).toBe(400);
    expect(await call('POST', '/contacts/15551112222/release-retries', {})).toMatchObject({ status: 200, json: { ids: [] } });
    expect((await call('POST', '/phones/15551110000/unlink', {})).status).toBe(200);
    expect(await call('GET', '/phones/15551110000')).toMatchObject({ status: 200, json: { devices: [] } });
  });

  it('answers bad input with 4xx and a stable code', async () => {
    expect(await call('POST', '/phones', '{not json')).toMatchObject({ status: 400, json: { error: { code: 'invalid_json' } } });
    expect(await call('POST', '/phones', { phone: 'abc' })).toMatchObject({ status: 400, json: { error: { code: 'bad_phone' } } });
    expect(await call('POST', '/contacts/15559999999/send', { to: '15551110000', text: 'x' })).toMatchObject({ status: 404, json: { error: { code: 'unknown_contact' } } });
    expect(await call('POST', '/contacts/15551112222/send', { to: '15551110000' })).toMatchObject({ status: 400, json: { error: { code: 'bad_message' } } });
    expect(await call('POST', '/faults', { phone: '15551110000', kind: 'meteor' })).toMatchObject({ status: 400, json: { error: { code: 'invalid_fault' } } });
    expect(await call('POST', '/faults', { phone: '15551110000', kind: 'unreadable-send', hold: 'yes' })).toMatchObject({ status: 400, json: { error: { code: 'invalid_fault' } } });
    expect(await call('POST', '/phones/15551110000/link', { qr: 'garbage' })).toMatchObject({ status: 400, json: { error: { code: 'bad_qr' } } });
    expect(await call('GET', '/nope')).toMatchObject({ status: 404, json: { error: { code: 'not_found' } } });
    expect(await call('DELETE', '/health')).toMatchObject({ status: 405 });
  });
});
