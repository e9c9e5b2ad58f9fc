/// <reference lib="dom" />
/**
 * *Informes* in a real browser over the real system and the WhatsApp simulator: two customers
 * write, an employee answers one of them through the API (sent by the actor, acked by the
 * simulator), and the administrator's report for today shows the messages, one wait answered of
 * two, the employee with her reply and response time, the account's row, and a CSV that
 * downloads with the same figures. The dashboard counts each message once, today and in the last
 * hour alike, as they arrive (an edited one is still one).
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedInPage } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';

const SHOTS = 'console';
const SESSION = 'ventas';
const PHONE = '34600970001';
const ALICIA = '34611970001';
const BRUNO = '34611970002';

let sys: System;
let browser: Browser;
let admin: Page;

beforeAll(async () => {
  sys = await startSystem('e2e_reports');
  const token = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(token, { sessionId: SESSION, name: 'Ventas', phone: PHONE });
  sys.sim.createContact({ phone: ALICIA, name: 'Alicia Gómez' });
  sys.sim.createContact({ phone: BRUNO, name: 'Bruno Díaz' });
  const elena = { email: 'elena@e2e.test', password: 'Elena-temporal-1' };
  const created = await sys.api('POST', '/api/users', token, { name: 'Elena Ruiz', email: elena.email, password: elena.password, role: 'employee' });
  expect(created.status).toBe(201);
  const elenaToken = await sys.token(elena.email, elena.password);

  await sys.sim.contactSend(ALICIA, { to: PHONE, text: '¿Tenéis la talla 40?' });
  await sys.sim.contactSend(BRUNO, { to: PHONE, text: 'Hola, ¿a qué hora abrís?' });
  const aliciaJid = `${ALICIA}@s.whatsapp.net`;
  const stored = (chatId: string) => sys.waitFor((e) => e.type === 'message' && e.message.chatId === chatId);
  await Promise.all([stored(aliciaJid), stored(`${BRUNO}@s.whatsapp.net`)]);
  expect((await sys.api('POST', `/api/sessions/${SESSION}/assignments`, token, { chatId: aliciaJid, userId: created.body.id })).status).toBe(201);
  const reply = await sys.api<{ messageId: string }>('POST', `/api/sessions/${SESSION}/messages`, elenaToken, { to: aliciaJid, text: 'Sí, te la guardo hasta mañana' });
  expect(reply.status).toBe(202);
  // The reply counts once WhatsApp has it.
  await sys.waitFor((e) => e.type === 'message-sent' && e.message.id === reply.body.messageId);

  browser = await launchBrowser();
  admin = await signedInPage(browser, sys.url, sys.adminEmail, `${sys.adminPassword}-own`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

const screenshotOnly = (page: Page, name: string) => screenshot(page, SHOTS, name, true);
const figure = (id: string) => admin.locator(`[data-figure="${id}"]`);

describe('reports', () => {
  it("shows today's messages, waits and response times by person and account, and downloads them as CSV", async () => {
    // The dashboard's messages of today open today's report.
    await admin.getByRole('navigation').getByRole('link', { name: 'Panel' }).click();
    await admin.getByRole('link', { name: /Mensajes hoy/ }).click();
    await admin.getByRole('heading', { name: 'Informes', level: 1 }).waitFor();
    expect(await admin.getByLabel('Periodo').inputValue()).toBe('today');
    await figure('received').getByText('2', { exact: true }).waitFor();
    expect(await figure('sent').locator('.stat-value').textContent()).toBe('1');
    expect(await figure('answered').locator('.stat-value').textContent()).toBe('1 de 2');
    expect(await figure('answered').locator('.faint').textContent()).toBe('1 sin responder · 0 sin necesitar respuesta');
    expect(await figure('waiting').locator('.stat-value').textContent()).toBe('1');
    expect(await figure('response').locator('.stat-value').textContent()).toMatch(/^\d+ s$|^\d+ min$/);

    const people = admin.getByRole('table', { name: 'Por persona' });
    const elena = people.getByRole('row', { name: /Elena Ruiz/ });
    expect((await elena.getByRole('cell').allTextContents()).slice(1, 4)).toEqual(['1', '1', '1']);
    const account = admin.getByRole('table', { name: 'Por cuenta de WhatsApp' }).getByRole('row', { name: /Ventas/ });
    expect((await account.getByRole('cell').allTextContents()).slice(1, 6)).toEqual(['2', '1', '2', '1 de 2', '1']);
    // The period is in the URL: a reload (or a shared link) shows the same report.
    await admin.reload();
    expect(await admin.getByLabel('Periodo').inputValue()).toBe('today');
    await figure('received').getByText('2', { exact: true }).waitFor();
    await checkScreen(admin, SHOTS, '24-reports', { keyboard: true });

    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: 'Descargar CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^informe-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).split('\r\n');
    expect(csv[0]).toBe('\uFEFFPersona;Respuestas enviadas;Conversaciones;Esperas respondidas;Mediana (min);90 % (min)');
    expect(csv[1]).toMatch(/^Elena Ruiz;1;1;1;[\d,]+;[\d,]+$/);
    expect(csv).toContain('Cuenta de WhatsApp;Mensajes recibidos;Mensajes enviados;Conversaciones;Esperas respondidas;Sin responder;Mediana (min);90 % (min)');
    expect(csv.find((l) => l.startsWith('Ventas;'))).toMatch(/^Ventas;2;1;2;1;1;[\d,]+;[\d,]+$/);

    // Over a week: a bar per day (today's holds the three messages) beside the hours of the day.
    await admin.getByLabel('Periodo').selectOption('7d');
    await expect.poll(() => admin.locator('[data-chart="days"] [data-bar]').count()).toBe(7);
    expect(await admin.locator('[data-chart="hours"] [data-bar]').count()).toBe(24);
    // Today where the browser is (Europe/Madrid), not where the test runs: near midnight they differ.
    const todayKey = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    expect(await admin.locator(`[data-chart="days"] [data-bar="${todayKey}"] title`).textContent()).toMatch(/Recibidos: 2 · Enviados: 1$/);
    await screenshotOnly(admin, '24b-reports-week');

    // A day without messages: the report says so instead of a table of zeros.
    await admin.getByLabel('Periodo').selectOption('yesterday');
    await admin.getByText('No hubo mensajes en este periodo.').waitFor();
  });

  it("counts each message once on the dashboard, today and in the last hour alike, as they arrive", async () => {
    await admin.getByRole('navigation').getByRole('link', { name: 'Panel' }).click();
    const today = admin.getByRole('link', { name: /Mensajes hoy/ });
    const lastHour = (received: number, sent: number) => admin.getByText(new RegExp(`^En la última hora: ${received} recibidos y ${sent} enviados\\.`));
    await today.getByText('Recibidos 2 · Enviados 1').waitFor();
    await lastHour(2, 1).waitFor();

    // Alicia corrects her message: announced again, it is still one message.
    const first = (await sys.api<{ data: { id: string; fromMe: boolean }[] }>('GET', `/api/sessions/${SESSION}/messages?chatId=${ALICIA}@s.whatsapp.net&limit=5`, await sys.token(sys.adminEmail, `${sys.adminPassword}-own`))).body.data.find((m) => !m.fromMe)!;
    const edited = sys.waitFor((e) => e.type === 'message' && e.message.id === first.id && e.message.editedAt !== undefined);
    await sys.sim.contactSend(ALICIA, { to: PHONE, edit: { targetId: first.id, text: '¿Tenéis la talla 42?' } });
    await edited;
    // Bruno writes again: both figures count it, live.
    await sys.sim.contactSend(BRUNO, { to: PHONE, text: '¿Y los sábados?' });
    await today.getByText('Recibidos 3 · Enviados 1').waitFor();
    await lastHour(3, 1).waitFor();
  });
});
