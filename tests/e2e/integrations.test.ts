/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser)
/**
 * The integrations screen in a real browser over the real system and the WhatsApp simulator: an
 * administrator creates a webhook to a real HTTP receiver, copies its secret from the one-time
 * dialog, and the receiver gets the contact's message signed with that secret; the delivery log
 * shows it, a test ping arrives; then an API key limited to sending in one session is created,
 * sends there (and is refused elsewhere), and stops working the moment it is revoked.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HubEvent } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, signIn } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';

const SHOTS = 'integrations';
const SESSION = 'ventas';
const PHONE = '34600900001';
const ALICE = '34611900001';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let sys: System;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let receiver: Server;
let receiverUrl = '';
const received: Received[] = [];
const waiting = new Set<{ pred(r: Received): boolean; resolve(r: Received): void }>();

/** Resolves with the first request the receiver got (or gets) that matches. */
function request(pred: (r: Received) => boolean): Promise<Received> {
  const seen = received.find(pred);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => waiting.add({ pred, resolve }));
}

/** Screenshot + axe audit + keyboard walk of the current screen (or open dialog). */
const check = (name: string) => checkScreen(page, SHOTS, name, { keyboard: true });

/** The value shown in the one-time secret dialog. */
async function revealed(title: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  return dialog.getByRole('textbox').inputValue();
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      for (const w of [...waiting]) {
        if (!w.pred(r)) continue;
        waiting.delete(w);
        w.resolve(r);
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/whatsapp`;

  sys = await startSystem('e2e_integrations');
  const admin = await sys.token(sys.adminEmail, sys.adminPassword);
  expect((await sys.api('POST', '/api/sessions', admin, { sessionId: SESSION, name: 'Ventas' })).status).toBe(201);
  expect((await sys.api('POST', '/api/sessions', admin, { sessionId: 'soporte', name: 'Soporte' })).status).toBe(201);
  const qr = (await sys.waitFor((e) => e.sessionId === SESSION && e.type === 'qr')) as Extract<HubEvent, { type: 'qr' }>;
  sys.sim.createPhone({ phone: PHONE, name: 'Ventas' });
  await sys.sim.scanQr(PHONE, qr.qr);
  await sys.waitStatus(SESSION, 'connected', 60_000);
  sys.sim.createContact({ phone: ALICE, name: 'Alicia Gómez' });

  browser = await launchBrowser();
  ctx = await newContext(browser);
  page = await ctx.newPage();
  await signIn(page, sys.url, sys.adminEmail, `${sys.adminPassword}-own`);
  await page.waitForURL('**/dashboard');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

describe('integrations', () => {
  it('creates a webhook whose deliveries arrive signed with the secret shown once', async () => {
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Integraciones' }).click();
    await page.getByRole('heading', { name: 'Integraciones', exact: true }).waitFor();
    await page.getByText('Todavía no hay webhooks').waitFor();
    await check('01-webhooks-empty');

    await page.getByRole('button', { name: 'Nuevo webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nuevo webhook' });
    await dialog.getByLabel('Nombre').fill('CRM ventas');
    await dialog.getByLabel('Dirección (URL)').fill(receiverUrl);
    await dialog.getByLabel('Sesión').selectOption(SESSION);
    await dialog.getByLabel('Mensaje enviado').check();
    await check('02-webhook-form');
    await dialog.getByRole('button', { name: 'Crear webhook' }).click();
    const secret = await revealed('Secreto de firma de CRM ventas');
    expect(secret).toMatch(/^whsec_/);
    await check('03-webhook-secret');
    await page.getByRole('button', { name: 'Ya lo he guardado' }).click();
    const row = page.getByRole('row', { name: /CRM ventas/ });
    await row.getByText('Activo').waitFor();

    // The contact writes: the receiver gets it, signed with the secret the dialog showed.
    await sys.sim.contactSend(ALICE, { to: PHONE, text: 'Hola, ¿tenéis la talla 42?' });
    const got = await request((r) => r.headers['x-switchboard-event'] === 'message');
    const timestamp = String(got.headers['x-switchboard-timestamp']);
    const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${got.body}`).digest('hex')}`;
    expect(got.headers['x-switchboard-signature']).toBe(expected);
    const body = JSON.parse(got.body) as { event: string; sessionId: string; data: { message: { text: string } } };
    expect(body).toMatchObject({ event: 'message', sessionId: SESSION, data: { message: { text: 'Hola, ¿tenéis la talla 42?' } } });

    // The delivery log shows it delivered.
    await row.getByRole('button', { name: 'Entregas: CRM ventas' }).click();
    const log = page.getByRole('dialog', { name: 'Entregas de CRM ventas' });
    await log.getByRole('row', { name: /message/ }).first().getByText('Entregado').waitFor();
    await check('04-webhook-deliveries');
    await log.getByRole('button', { name: 'Cerrar' }).click();

    // A test ping from the row's menu arrives too.
    await row.getByRole('button', { name: 'Más acciones: CRM ventas' }).click();
    await page.getByRole('menuitem', { name: 'Enviar prueba' }).click();
    await page.getByText(/Prueba entregada a CRM ventas/).waitFor();
    await request((r) => r.headers['x-switchboard-event'] === 'ping');

    // The session's own screen lists the webhooks that receive its events, with their health.
    await page.goto(`${sys.url}/sessions/${SESSION}`);
    const panel = page.getByRole('region', { name: 'Webhooks de esta sesión' });
    await panel.getByText('CRM ventas').waitFor();
    await panel.getByText('Entregado').waitFor();
    await check('05-session-webhooks');
    await panel.getByRole('link', { name: 'Gestionar en Integraciones' }).click();
    await page.getByRole('heading', { name: 'Integraciones', exact: true }).waitFor();
  });

  it('creates an API key limited to one session, which stops working once revoked', async () => {
    await page.getByRole('tab', { name: 'Claves de API' }).click();
    await page.getByText('Todavía no hay claves de API').waitFor();
    await page.getByRole('button', { name: 'Nueva clave' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nueva clave de API' });
    await dialog.getByLabel('Nombre').fill('Tienda online');
    await dialog.getByLabel('Ventas').check();
    await check('05-api-key-form');
    await dialog.getByRole('button', { name: 'Crear clave' }).click();
    const key = await revealed('Clave Tienda online creada');
    expect(key).toMatch(/^sk_/);
    await check('06-api-key-shown');
    await page.getByRole('button', { name: 'Ya lo he guardado' }).click();
    const row = page.getByRole('row', { name: /Tienda online/ });
    await row.getByText('Enviar mensajes y archivos').waitFor();
    await row.getByText('en Ventas').waitFor();

    const send = (sessionId: string) =>
      fetch(`${sys.url}/api/sessions/${sessionId}/messages`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: JSON.stringify({ to: ALICE, text: 'Sí, nos queda la 42' }),
      });
    expect((await send(SESSION)).status).toBeLessThan(300);
    expect((await send('soporte')).status).toBe(403);
    await check('07-api-keys');

    await row.getByRole('button', { name: 'Revocar: Tienda online' }).click();
    await page.getByRole('dialog', { name: '¿Revocar la clave Tienda online?' }).getByRole('button', { name: 'Revocar' }).click();
    await row.getByText('Revocada').waitFor();
    expect((await send(SESSION)).status).toBe(401);
  });
});
