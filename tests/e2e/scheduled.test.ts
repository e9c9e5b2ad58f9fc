/// <reference lib="dom" />
/**
 * *Programar envío* in a real browser over the real system and the WhatsApp simulator: Elena
 * writes a reply and schedules it for tomorrow morning, and another for later today; both wait
 * above her composer and, live, above Sofía's, who cancels one; *Enviar ahora* sends the other
 * at once, and a reply that comes due is sent by the system by itself and leaves every open
 * thread. A file can be scheduled too, with its text as the caption, and an answer to one
 * message goes as a quoted reply.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';
import { addTeam, customerAssignedTo, type Member } from './support/team.ts';

const SHOTS = 'inbox';
const SESSION = 'tienda';
const PHONE = '34600990001';
const ALICIA = '34611990001';
const CHAT = `${ALICIA}@s.whatsapp.net`;
const READY = 'Buenos días, Alicia: tu pedido ya está listo para recoger.';
const SATURDAY = '¿Te viene bien recogerlo el sábado?';
const EDITED = `${READY} Pásate cuando quieras.`;

let sys: System;
let browser: Browser;
let employee: Page;
let supervisor: Page;
let team: Record<'elena' | 'sofia', Member>;
let admin: string;

beforeAll(async () => {
  sys = await startSystem('e2e_scheduled');
  admin = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(admin, { sessionId: SESSION, name: 'Tienda Centro', phone: PHONE });
  sys.sim.createContact({ phone: ALICIA, name: 'Alicia Gómez' });
  // A customer with nothing scheduled, whom the scheduled view leaves out.
  sys.sim.createContact({ phone: '34611990002', name: 'Bruno Sanz' });
  await sys.sim.contactSend('34611990002', { to: PHONE, text: 'Hola' });
  await sys.waitFor((e) => e.type === 'message' && e.message.chatId === '34611990002@s.whatsapp.net');
  team = await addTeam(sys, admin);
  await customerAssignedTo(sys, admin, { sessionId: SESSION, phone: PHONE, customer: ALICIA, text: '¿Cuándo puedo pasar a por el pedido?', userId: team.elena.id });

  browser = await launchBrowser();
  employee = await signedInPage(browser, sys.url, team.elena.email, team.elena.password);
  supervisor = await signedInPage(browser, sys.url, team.sofia.email, team.sofia.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

const stripOf = (page: Page) => page.locator('.scheduled-strip');
const rowOfSupervisor = () => supervisor.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Alicia Gómez/ });
const itemOf = (page: Page, text: string) => stripOf(page).locator('.scheduled-item', { hasText: text });

/** Writes a reply and schedules it with one of the offered times. */
async function schedule(page: Page, text: string, preset: RegExp, shot?: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Mensaje para Alicia Gómez' });
  await box.fill(text);
  await page.getByRole('button', { name: 'Programar envío' }).click();
  const dialog = page.getByRole('dialog', { name: 'Programar envío a «Alicia Gómez»' });
  await dialog.locator('blockquote', { hasText: text }).waitFor();
  if (shot) await checkScreen(page, SHOTS, shot, { keyboard: true });
  await dialog.getByRole('button', { name: preset }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText(/^Programado para /).first().waitFor();
  expect(await box.inputValue()).toBe('');
}

describe('scheduled replies', () => {
  it('wait above the composer for everyone in the chat, are cancelled, sent now, or sent when due', async () => {
    await supervisor.goto(`${sys.url}/inbox/${SESSION}/${encodeURIComponent(CHAT)}`);
    await supervisor.getByRole('heading', { name: 'Alicia Gómez' }).waitFor();
    await employee.goto(`${sys.url}/inbox/${SESSION}/${encodeURIComponent(CHAT)}`);
    await employee.getByRole('heading', { name: 'Alicia Gómez' }).waitFor();
    // Nothing to schedule yet: the button waits for some text.
    expect(await employee.getByRole('button', { name: 'Programar envío' }).isDisabled()).toBe(true);

    await schedule(employee, READY, /^Mañana por la mañana/, '19-schedule-dialog');
    await schedule(employee, SATURDAY, /^Dentro de tres horas/);
    await stripOf(employee).getByRole('button', { name: '2 mensajes programados' }).waitFor();
    expect(await stripOf(employee).locator('.scheduled-text').allTextContents()).toEqual([SATURDAY, READY]);
    await itemOf(employee, READY).getByText('Se envía mañana, 9:00').waitFor();
    await checkScreen(employee, SHOTS, '20-scheduled-strip', { keyboard: true });

    // The chat list says when the next one goes, on both consoles.
    const rowTag = (page: Page) => page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Alicia Gómez/ }).locator('.scheduled-tag');
    // The earliest (in three hours: today, or tomorrow late in the evening), not tomorrow at 9:00.
    await expect.poll(() => rowTag(employee).textContent()).toMatch(/^Programado: (hoy|mañana), \d{1,2}:\d{2}$/);
    await expect.poll(() => rowTag(employee).textContent()).not.toBe('Programado: mañana, 9:00');
    await expect.poll(() => rowTag(supervisor).textContent()).toBe(await rowTag(employee).textContent());

    // The team's view of what will go: the filter counts the chats and lists them.
    const scheduledFilter = supervisor.getByRole('checkbox', { name: 'Con envío programado (1)' });
    await scheduledFilter.check();
    const rows = supervisor.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.filter({ hasText: 'Bruno Sanz' }).count()).toBe(0);
    await rows.filter({ hasText: 'Alicia Gómez' }).waitFor();
    await scheduledFilter.uncheck();
    await rows.filter({ hasText: 'Bruno Sanz' }).waitFor();

    // Sofía, in the same chat, sees them come in, with who wrote them, and cancels one.
    await itemOf(supervisor, READY).getByText('programado por Elena Ruiz').waitFor();
    await itemOf(supervisor, SATURDAY).getByRole('button', { name: 'Cancelar' }).click();
    await supervisor.getByText('Envío programado cancelado.').waitFor();
    await itemOf(employee, SATURDAY).waitFor({ state: 'detached' });
    await stripOf(employee).getByRole('button', { name: '1 mensaje programado' }).waitFor();
    await expect.poll(() => rowTag(supervisor).textContent()).toBe('Programado: mañana, 9:00');

    // Elena changes the other one's text (its time stays); Sofía's strip shows it at once.
    await itemOf(employee, READY).getByRole('button', { name: 'Cambiar' }).click();
    const change = employee.getByRole('dialog', { name: 'Cambiar el mensaje programado' });
    await change.getByLabel('Mensaje').fill(EDITED);
    await checkScreen(employee, SHOTS, '20b-scheduled-change', { keyboard: true });
    await change.getByRole('button', { name: 'Guardar texto' }).click();
    await employee.getByText('Cambiado: se envía mañana, 9:00.').waitFor();
    await itemOf(supervisor, 'Pásate cuando quieras.').waitFor();

    // Elena sends it now: the phone gets it, her thread shows it, the strip goes.
    await itemOf(employee, EDITED).getByRole('button', { name: 'Enviar ahora' }).click();
    await employee.getByText('Enviado.', { exact: true }).waitFor();
    await sys.sim.waitForReceived(ALICIA, (m) => m.text === EDITED, 30_000);
    await employee.getByRole('log', { name: /Mensajes con Alicia Gómez/ }).getByText(EDITED).waitFor();
    await stripOf(employee).waitFor({ state: 'detached' });
    await stripOf(supervisor).waitFor({ state: 'detached' });
    await rowTag(supervisor).waitFor({ state: 'detached' });
    expect(sys.sim.received(ALICIA).map((m) => m.text)).not.toContain(SATURDAY);

    // One that comes due is sent by the system by itself, and leaves both open threads.
    const soon = await sys.api('POST', `/api/sessions/${SESSION}/chats/${encodeURIComponent(CHAT)}/scheduled`, admin, { text: 'Te esperamos hasta las 20:00.', sendAt: Date.now() + 1500 });
    expect(soon.status).toBe(201);
    await itemOf(supervisor, 'Te esperamos hasta las 20:00.').waitFor();
    await sys.sim.waitForReceived(ALICIA, (m) => m.text === 'Te esperamos hasta las 20:00.', 30_000);
    await itemOf(employee, 'Te esperamos hasta las 20:00.').waitFor({ state: 'detached' });
    await itemOf(supervisor, 'Te esperamos hasta las 20:00.').waitFor({ state: 'detached' });
    await supervisor.getByRole('log', { name: /Mensajes con Alicia Gómez/ }).getByText('Te esperamos hasta las 20:00.').waitFor();

    // Elena schedules one and loses the chat before it goes: it is not sent, the list says so in
    // red, and Sofía sends it herself with Reintentar.
    const elena = await sys.token(team.elena.email, team.elena.password);
    const orphan = await sys.api('POST', `/api/sessions/${SESSION}/chats/${encodeURIComponent(CHAT)}/scheduled`, elena, { text: 'Mañana te confirmo el envío.', sendAt: Date.now() + 1500 });
    expect(orphan.status).toBe(201);
    const [mine] = (await sys.api('GET', `/api/sessions/${SESSION}/assignments?chatId=${encodeURIComponent(CHAT)}`, admin)).body.data as { id: string }[];
    expect((await sys.api('DELETE', `/api/sessions/${SESSION}/assignments/${mine!.id}`, admin)).status).toBe(204);
    await rowOfSupervisor().locator('.scheduled-tag.failed', { hasText: 'Envío programado sin enviar' }).waitFor();
    const failed = itemOf(supervisor, 'Mañana te confirmo el envío.');
    await failed.getByText(/^No se envió \(.+\): quien lo programó ya no puede escribir en esta conversación · programado por Elena Ruiz$/).waitFor();
    await failed.getByRole('button', { name: 'Reintentar' }).click();
    await sys.sim.waitForReceived(ALICIA, (m) => m.text === 'Mañana te confirmo el envío.', 30_000);
    await rowOfSupervisor().locator('.scheduled-tag.failed').waitFor({ state: 'detached' });
    expect(sys.sim.received(ALICIA).filter((m) => m.text === 'Mañana te confirmo el envío.')).toHaveLength(1);
  });

  it('schedules a file with its text, shows it waiting with the file, and sends both', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 7)]);
    const box = supervisor.getByRole('textbox', { name: 'Mensaje para Alicia Gómez' });
    await supervisor.locator('.composer input[type="file"]').setInputFiles({ name: 'factura-2291.pdf', mimeType: 'application/pdf', buffer: pdf });
    await box.fill('Alicia, te dejo la factura del pedido.');
    await supervisor.getByRole('button', { name: 'Programar envío' }).click();
    const dialog = supervisor.getByRole('dialog', { name: 'Programar envío a «Alicia Gómez»' });
    await dialog.locator('blockquote', { hasText: 'factura-2291.pdf' }).waitFor();
    await dialog.getByRole('button', { name: /^Mañana por la mañana/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The box is empty again, its attachment gone with the scheduled reply.
    expect(await box.inputValue()).toBe('');
    expect(await supervisor.locator('.composer-files li').count()).toBe(0);
    const item = itemOf(supervisor, 'Alicia, te dejo la factura del pedido.');
    await item.getByTitle('Archivo adjunto: factura-2291.pdf').waitFor();
    await checkScreen(supervisor, SHOTS, '20c-scheduled-file', { keyboard: true });

    await item.getByRole('button', { name: 'Enviar ahora' }).click();
    const got = await sys.sim.waitForReceived(ALICIA, (m) => m.kind === 'document', 30_000);
    expect(got).toMatchObject({ caption: 'Alicia, te dejo la factura del pedido.', fileName: 'factura-2291.pdf', mimetype: 'application/pdf' });
    expect(got.media?.equals(pdf)).toBe(true);
    await supervisor.getByRole('log', { name: /Mensajes con Alicia Gómez/ }).getByRole('link', { name: /factura-2291\.pdf/ }).waitFor();
  });

  it('schedules an answer to one message, which goes as a quoted reply', async () => {
    const asked = supervisor.getByRole('log', { name: /Mensajes con Alicia Gómez/ }).locator('.msg-in', { hasText: '¿Cuándo puedo pasar a por el pedido?' });
    await asked.hover();
    await asked.getByRole('button', { name: 'Responder' }).click();
    await schedule(supervisor, 'Mañana desde las 10:00.', /^Dentro de tres horas/);
    // The quote left the box with it, and the strip says what it answers.
    expect(await supervisor.locator('.composer-quote').count()).toBe(0);
    const item = itemOf(supervisor, 'Mañana desde las 10:00.');
    await item.getByText('Responde a «¿Cuándo puedo pasar a por el pedido?»').waitFor();
    await item.getByRole('button', { name: 'Enviar ahora' }).click();
    const got = await sys.sim.waitForReceived(ALICIA, (m) => m.text === 'Mañana desde las 10:00.', 30_000);
    expect(got.quotedId).toBe(await asked.getAttribute('data-id'));
  });
});
