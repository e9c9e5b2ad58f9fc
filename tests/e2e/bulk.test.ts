/// <reference lib="dom" />
/**
 * Triage and acting on several conversations at once in a real browser over the real system and
 * the WhatsApp simulator: Sofía, a supervisor, lists the customers who wait the longest first
 * (a customer writing again keeps her place, one answered leaves the top), pins one chat to the top
 * of her own list, searches one conversation's messages; she ticks two new customers and hands both to Elena in one
 * go (Elena's inbox gets them), then picks every chat with the keyboard (X, then *Seleccionar las
 * 3*), labels them, marks them read and says they need no reply; Elena, an employee, may not
 * assign and is not offered it. Sofía then writes one message to two customers, with a PDF, each
 * getting both with their own name, one after the other (counted live in the dialog); Carla writes «BAJA» and
 * is left out of the next one, which Sofía closes after its first send, finds again under
 * *Mensajes a varias* beside the earlier one, and stops there (the other customer never gets it);
 * Carla's contact card says why, and Sofía takes her back in (her other window follows at once).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';
import { addTeam, type Member } from './support/team.ts';

const SHOTS = 'inbox';
const SESSION = 'tienda';
const PHONE = '34600995001';
const CUSTOMERS = { ana: ['34611995001', 'Ana Prieto'], bruno: ['34611995002', 'Bruno Sanz'], carla: ['34611995003', 'Carla Vidal'] } as const;
const jid = (phone: string) => `${phone}@s.whatsapp.net`;

let sys: System;
let browser: Browser;
let sofia: Page;
let elena: Page;
let team: Record<'elena' | 'sofia', Member>;
let admin: string;

beforeAll(async () => {
  sys = await startSystem('e2e_bulk');
  admin = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(admin, { sessionId: SESSION, name: 'Tienda Centro', phone: PHONE });
  team = await addTeam(sys, admin);
  for (const [phone, name] of Object.values(CUSTOMERS)) {
    sys.sim.createContact({ phone, name });
    await sys.sim.contactSend(phone, { to: PHONE, text: `Hola, soy ${name.split(' ')[0]}` });
    await sys.waitFor((e) => e.type === 'message' && e.message.chatId === jid(phone));
  }
  expect((await sys.api('POST', '/api/labels', admin, { name: 'Campaña Navidad', color: 'green' })).status).toBe(201);

  browser = await launchBrowser();
  sofia = await signedInPage(browser, sys.url, team.sofia.email, team.sofia.password);
  elena = await signedInPage(browser, sys.url, team.elena.email, team.elena.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

const list = (page: Page) => page.getByRole('listbox', { name: 'Conversaciones' });
/** A small PDF (the simulator checks what it receives byte for byte). */
const HOURS_PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% Horario del sábado\n'), Buffer.alloc(2048, 7)]);
const row = (page: Page, name: string) => list(page).getByRole('option', { name: new RegExp(name) });
const bar = (page: Page) => page.getByRole('toolbar', { name: 'Acciones para las conversaciones seleccionadas' });
/** The names in the list, top to bottom. */
const names = (page: Page) => list(page).locator('.chat-name').allTextContents();

describe('who has waited longest', () => {
  it('lists the waiting chats by the longest wait, keeps that order live and after a reload', async () => {
    await sofia.goto(`${sys.url}/inbox`);
    await sofia.getByRole('radio', { name: 'Todas' }).click();
    await row(sofia, 'Ana Prieto').waitFor();
    const order = sofia.getByLabel('Orden de las conversaciones sin responder');
    // The order is a choice of the needs-reply list only.
    expect(await order.count()).toBe(0);
    await sofia.getByLabel('Solo sin responder').check();
    expect(await order.inputValue()).toBe('recent');
    await expect.poll(() => names(sofia)).toEqual(['Carla Vidal', 'Bruno Sanz', 'Ana Prieto']);
    await order.selectOption({ label: 'Espera más larga primero' });
    await expect.poll(() => names(sofia)).toEqual(['Ana Prieto', 'Bruno Sanz', 'Carla Vidal']);
    await checkScreen(sofia, SHOTS, '31-longest-wait-first');

    // Ana writes again: the latest activity, but her wait began first.
    await sys.sim.contactSend(CUSTOMERS.ana[0], { to: PHONE, text: '¿Alguien me puede ayudar?' });
    await row(sofia, 'Ana Prieto').getByText('¿Alguien me puede ayudar?').waitFor();
    expect(await names(sofia)).toEqual(['Ana Prieto', 'Bruno Sanz', 'Carla Vidal']);
    // Answered (from another console): she waits no more and goes after those who do.
    expect((await sys.api('POST', `/api/sessions/${SESSION}/messages`, admin, { to: jid(CUSTOMERS.ana[0]), text: 'Claro, dime' })).status).toBe(202);
    await expect.poll(() => names(sofia)).toEqual(['Bruno Sanz', 'Carla Vidal', 'Ana Prieto']);

    // Remembered on this device; the server pages the same order and leaves Ana out.
    await sofia.reload();
    await expect.poll(() => names(sofia)).toEqual(['Bruno Sanz', 'Carla Vidal']);
    expect(await order.inputValue()).toBe('waiting');
    await sofia.getByLabel('Solo sin responder').uncheck();
    await expect.poll(() => names(sofia)).toEqual(['Ana Prieto', 'Carla Vidal', 'Bruno Sanz']);
    expect(await order.count()).toBe(0);
  });
});

describe('pinned conversations', () => {
  it("pins a chat to the top of Sofía's list only, on her other window at once, across a reload, and unpins it", async () => {
    // Sofía's second window (another computer, the web console beside the app).
    const other = await signedInPage(browser, sys.url, team.sofia.email, team.sofia.password);
    await other.goto(`${sys.url}/inbox`);
    await other.getByRole('radio', { name: 'Todas' }).click();
    await expect.poll(() => names(other)).toEqual(['Ana Prieto', 'Carla Vidal', 'Bruno Sanz']);
    await sofia.goto(`${sys.url}/inbox`);
    await sofia.getByRole('radio', { name: 'Todas' }).click();
    await expect.poll(() => names(sofia)).toEqual(['Ana Prieto', 'Carla Vidal', 'Bruno Sanz']);
    await row(sofia, 'Bruno Sanz').click();
    await sofia.getByRole('button', { name: 'Fijar arriba' }).click();
    await sofia.getByText('Conversación fijada arriba de tu lista.').waitFor();
    await expect.poll(() => names(sofia)).toEqual(['Bruno Sanz', 'Ana Prieto', 'Carla Vidal']);
    await row(sofia, 'Bruno Sanz').getByTitle('Fijada').waitFor();
    await expect.poll(() => names(other)).toEqual(['Bruno Sanz', 'Ana Prieto', 'Carla Vidal']);
    await row(other, 'Bruno Sanz').getByTitle('Fijada').waitFor();
    expect(await sofia.getByRole('button', { name: 'Desfijar' }).getAttribute('aria-pressed')).toBe('true');
    await checkScreen(sofia, SHOTS, '32-pinned-chat');
    // A customer writing elsewhere does not move it down.
    await sys.sim.contactSend(CUSTOMERS.carla[0], { to: PHONE, text: '¿Me confirmáis la hora?' });
    await row(sofia, 'Carla Vidal').getByText('¿Me confirmáis la hora?').waitFor();
    expect(await names(sofia)).toEqual(['Bruno Sanz', 'Carla Vidal', 'Ana Prieto']);
    await sofia.reload();
    await expect.poll(() => names(sofia)).toEqual(['Bruno Sanz', 'Carla Vidal', 'Ana Prieto']);
    // Hers only: the admin's list is as it was.
    const adminList = (await sys.api('GET', `/api/chats?view=all`, admin)).body.data as { name: string; pinnedAt: number | null }[];
    expect(adminList.every((c) => c.pinnedAt === null)).toBe(true);
    await sofia.getByRole('button', { name: 'Desfijar' }).click();
    await sofia.getByText('Conversación desfijada.').waitFor();
    await expect.poll(() => names(sofia)).toEqual(['Carla Vidal', 'Ana Prieto', 'Bruno Sanz']);
    await expect.poll(() => names(other)).toEqual(['Carla Vidal', 'Ana Prieto', 'Bruno Sanz']);
    await other.close();
    await sofia.getByRole('button', { name: 'Cerrar conversación' }).first().click();
  });
});

describe('searching one conversation', () => {
  it("finds words in the open chat's messages only, from the search button in its header", async () => {
    await sofia.goto(`${sys.url}/inbox`);
    await sofia.getByRole('radio', { name: 'Todas' }).click();
    await row(sofia, 'Carla Vidal').click();
    await sofia.getByRole('heading', { name: 'Carla Vidal' }).waitFor();
    await sofia.getByRole('button', { name: 'Buscar en esta conversación' }).click();
    const search = sofia.getByRole('searchbox', { name: 'Buscar por nombre o número' });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await search.fill('HOLA');
    const scope = sofia.getByRole('radiogroup', { name: 'Buscar en' });
    expect(await scope.getByRole('radio', { name: 'Este chat' }).getAttribute('aria-checked')).toBe('true');
    const hits = sofia.getByRole('list', { name: 'Mensajes encontrados' });
    await hits.getByText('soy Carla').waitFor();
    expect(await hits.getByRole('listitem').count()).toBe(1);
    await checkScreen(sofia, SHOTS, '33-search-in-chat');
    // Every message of her chats, by the other choice.
    await scope.getByRole('radio', { name: 'Mensajes' }).click();
    await expect.poll(() => hits.getByRole('listitem').count()).toBe(3);
    await search.fill('');
    await scope.waitFor({ state: 'detached' });
    // F does the same from the keyboard.
    await list(sofia).focus();
    await sofia.keyboard.press('f');
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await search.fill('confirmais');
    await hits.getByText('¿Me confirmáis la hora?').waitFor();
    expect(await scope.getByRole('radio', { name: 'Este chat' }).getAttribute('aria-checked')).toBe('true');
    await search.fill('');
    await sofia.getByRole('button', { name: 'Cerrar conversación' }).first().click();
  });
});

describe('acting on several conversations', () => {
  it('assigns two chats in one go, then labels, reads and settles every chat', async () => {
    await sofia.goto(`${sys.url}/inbox`);
    await sofia.getByRole('radio', { name: 'Todas' }).click();
    await row(sofia, 'Carla Vidal').waitFor();

    await sofia.getByRole('button', { name: 'Seleccionar conversaciones' }).click();
    expect(await list(sofia).getAttribute('aria-multiselectable')).toBe('true');
    // A click ticks a chat instead of opening it.
    await row(sofia, 'Bruno Sanz').click();
    await row(sofia, 'Carla Vidal').click();
    expect(await row(sofia, 'Bruno Sanz').getAttribute('aria-selected')).toBe('true');
    expect(await row(sofia, 'Ana Prieto').getAttribute('aria-selected')).toBe('false');
    expect(sofia.url()).toBe(`${sys.url}/inbox`);
    await bar(sofia).getByText('2 seleccionadas').waitFor();
    await checkScreen(sofia, SHOTS, '21-bulk-selection', { keyboard: true });

    await bar(sofia).getByRole('button', { name: 'Asignar…' }).click();
    const dialog = sofia.getByRole('dialog', { name: 'Asignar 2 conversaciones' });
    await dialog.getByLabel('Persona', { exact: true }).selectOption({ label: `${team.elena.name} · ${team.elena.email}` });
    await dialog.getByRole('button', { name: 'Transferir' }).click();
    await sofia.getByText('2 conversaciones asignadas a Elena Ruiz.').waitFor();
    // Done: the bar goes, and the list says who has them.
    await bar(sofia).waitFor({ state: 'detached' });
    await row(sofia, 'Bruno Sanz').getByText('Elena Ruiz').waitFor();
    await row(sofia, 'Carla Vidal').getByText('Elena Ruiz').waitFor();
    await expect.poll(async () => (await sys.api('GET', `/api/sessions/${SESSION}/assignments?limit=50`, admin)).body.data.map((a: { chatId: string }) => a.chatId).sort()).toEqual([jid(CUSTOMERS.bruno[0]), jid(CUSTOMERS.carla[0])]);

    await elena.goto(`${sys.url}/inbox`);
    await row(elena, 'Bruno Sanz').waitFor();
    await row(elena, 'Carla Vidal').waitFor();
    expect(await row(elena, 'Ana Prieto').count()).toBe(0);
    // Elena may not assign: she is not offered it.
    await elena.getByRole('button', { name: 'Seleccionar conversaciones' }).click();
    await bar(elena).getByRole('button', { name: 'Marcar leídas' }).waitFor();
    expect(await bar(elena).getByRole('button', { name: 'Asignar…' }).count()).toBe(0);
    await elena.keyboard.press('Escape');
    await bar(elena).waitFor({ state: 'detached' });

    // With the keyboard: X ticks the chat under the cursor, then every chat.
    await list(sofia).focus();
    await sofia.keyboard.press('x');
    await bar(sofia).getByText('1 seleccionada').waitFor();
    await bar(sofia).getByRole('button', { name: 'Seleccionar las 3' }).click();
    await bar(sofia).getByText('3 seleccionadas').waitFor();
    await bar(sofia).getByRole('button', { name: 'Etiquetar…' }).click();
    await sofia.getByRole('dialog', { name: 'Añadir una etiqueta a 3 conversaciones' }).getByRole('button', { name: 'Campaña Navidad' }).click();
    await sofia.getByText('Etiqueta «Campaña Navidad» añadida a 3 conversaciones.').waitFor();
    for (const [, name] of Object.values(CUSTOMERS)) await row(sofia, name).getByRole('group', { name: /Campaña Navidad/ }).waitFor();

    await sofia.getByRole('button', { name: 'Seleccionar conversaciones' }).click();
    await bar(sofia).getByRole('button', { name: 'Seleccionar las 3' }).click();
    await bar(sofia).getByRole('button', { name: 'Marcar leídas' }).click();
    await sofia.getByText('3 conversaciones marcadas como leídas.').waitFor();
    await expect.poll(() => list(sofia).locator('.unread-badge').count()).toBe(0);

    await sofia.getByRole('button', { name: 'Seleccionar conversaciones' }).click();
    await bar(sofia).getByRole('button', { name: 'Seleccionar las 3' }).click();
    await bar(sofia).getByRole('button', { name: 'No requieren respuesta' }).click();
    await sofia.getByText('3 conversaciones marcadas: no requieren respuesta.').waitFor();
    await expect.poll(() => list(sofia).getByText('Sin responder').count()).toBe(0);
    const chats = (await sys.api('GET', '/api/chats?view=all&needsReply=true', admin)).body;
    expect(chats.total).toBe(0);
  });
});

describe('one message to several conversations', () => {
  const dialogOf = (n: number) => sofia.getByRole('dialog', { name: `Enviar un mensaje a ${n} conversaciones` });

  it('sends each customer their own words, one after another, and counts them going', async () => {
    const SATURDAY = 'Hola {nombre}: este sábado abrimos de 10 a 14. {agente}, de {empresa}.';
    expect((await sys.api('POST', '/api/canned-replies', admin, { shortcut: 'sabado', text: SATURDAY, shared: true })).status).toBe(201);
    await sofia.goto(`${sys.url}/inbox`);
    await sofia.getByRole('radio', { name: 'Todas' }).click();
    await sofia.getByRole('button', { name: 'Seleccionar conversaciones' }).click();
    await row(sofia, 'Ana Prieto').click();
    await row(sofia, 'Bruno Sanz').click();
    await bar(sofia).getByRole('button', { name: 'Enviar mensaje…' }).click();
    const dialog = dialogOf(2);
    // From the team's quick reply, its variables left for each customer.
    await dialog.getByLabel('Partir de una respuesta rápida').selectOption({ label: '/sabado · Hola {nombre}: este sábado abrimos de 10 a 14. {agente}, de…' });
    expect(await dialog.getByLabel('Mensaje', { exact: true }).inputValue()).toBe(SATURDAY);
    // The first picked chat's words, filled in.
    const first = (await names(sofia)).find((n) => n === 'Ana Prieto' || n === 'Bruno Sanz')!;
    await dialog.getByText(`Así le llega a ${first}:`).waitFor();
    await dialog.getByText(`Hola ${first.split(' ')[0]}: este sábado abrimos de 10 a 14. Sofía, de Tienda Centro.`).waitFor();
    expect(await dialog.getByLabel('Ritmo').inputValue()).toBe('10');
    // The week's opening hours go with it, as a PDF each customer gets with their words.
    await dialog.locator('input[type=file]').setInputFiles({ name: 'horario-sabado.pdf', mimeType: 'application/pdf', buffer: HOURS_PDF });
    await dialog.locator('.broadcast-file', { hasText: 'horario-sabado.pdf' }).waitFor();
    await dialog.getByRole('button', { name: 'Quitar el archivo' }).waitFor();
    await dialog.getByText(/^2 mensajes: el primero sale ahora y el último (hacia las|mañana,) \d{1,2}:\d{2}\.$/).waitFor();
    await checkScreen(sofia, SHOTS, '34a-broadcast-compose');

    await dialog.getByRole('button', { name: 'Enviar a las 2' }).click();
    await dialog.getByText('Enviados: 1 de 2').waitFor({ timeout: 30_000 });
    await checkScreen(sofia, SHOTS, '34b-broadcast-going');
    await dialog.getByText('Todos enviados.').waitFor({ timeout: 30_000 });
    for (const [phone, name] of [CUSTOMERS.ana, CUSTOMERS.bruno]) {
      const got = await sys.sim.waitForReceived(phone, (m) => m.caption === `Hola ${name.split(' ')[0]}: este sábado abrimos de 10 a 14. Sofía, de Tienda Centro.`, 30_000);
      expect([got.kind, got.fileName, got.media?.equals(HOURS_PDF)]).toEqual(['document', 'horario-sabado.pdf', true]);
    }
    expect(sys.sim.received(CUSTOMERS.carla[0]).map((m) => m.caption ?? m.text)).not.toContainEqual(expect.stringContaining('este sábado'));
    await dialog.getByRole('button', { name: 'Cerrar' }).last().click();
    await bar(sofia).waitFor({ state: 'detached' });
  });

  it('leaves out a customer who wrote BAJA, and stops the sends still to go in one click from the list of recent ones; those never reach anyone', async () => {
    // Live: the open inbox learns it with the chat's update, no reload.
    await sys.sim.contactSend(CUSTOMERS.carla[0], { to: PHONE, text: 'BAJA' });
    await row(sofia, 'Carla Vidal').getByText('BAJA').waitFor();
    await sofia.getByRole('button', { name: 'Seleccionar conversaciones' }).click();
    await bar(sofia).getByRole('button', { name: 'Seleccionar las 3' }).click();
    await bar(sofia).getByRole('button', { name: 'Enviar mensaje…' }).click();
    const dialog = dialogOf(2);
    await dialog.getByText('No se incluye 1 conversación que pidió no recibir estos mensajes: Carla Vidal («BAJA»)').waitFor();
    await dialog.getByLabel('Mensaje', { exact: true }).fill('Última hora: cerramos el lunes por inventario.');
    await dialog.getByLabel('Ritmo').selectOption({ label: 'Uno cada 5 minutos' });
    await checkScreen(sofia, SHOTS, '34c-broadcast-opted-out');
    await dialog.getByRole('button', { name: 'Enviar a las 2' }).click();
    await dialog.getByText('Enviados: 1 de 2').waitFor({ timeout: 30_000 });
    // Each chat shows its own waiting, as any scheduled reply.
    await expect.poll(async () => (await sys.api('GET', '/api/chats?view=all&scheduled=true', admin)).body.total).toBe(1);
    // Closed, it goes on; the list's *Mensajes a varias* finds it again, beside the earlier one, and stops it.
    await dialog.getByRole('button', { name: 'Cerrar' }).last().click();
    await sofia.getByRole('button', { name: 'Mensajes a varias: 1 en curso' }).click();
    const recent = sofia.getByRole('dialog', { name: 'Mensajes a varias conversaciones' });
    const lines = recent.getByRole('listitem');
    await expect.poll(() => lines.count()).toBe(2);
    const going = lines.first();
    await going.getByText('«Última hora: cerramos el lunes por inventario.»').waitFor();
    await going.getByText('Enviados: 1 de 2').waitFor();
    await going.getByText(/^Por enviar: 1 · el último (hacia las|mañana,) \d{1,2}:\d{2}$/).waitFor();
    await lines.nth(1).getByText('Todos enviados.').waitFor();
    await lines.nth(1).locator('.broadcast-file', { hasText: 'horario-sabado.pdf' }).waitFor();
    expect(await going.getAttribute('aria-label')).toMatch(/^hoy, \d{1,2}:\d{2} · Sofía/);
    await checkScreen(sofia, SHOTS, '34e-broadcasts-recent');
    await going.getByRole('button', { name: 'Detener los que faltan' }).click();
    await sofia.getByText('Detenido 1 mensaje que faltaba.').waitFor();
    await going.getByText('Detenidos: 1').waitFor();
    expect(await recent.getByRole('button', { name: 'Detener los que faltan' }).count()).toBe(0);
    await recent.getByRole('button', { name: 'Cerrar' }).last().click();
    await sofia.getByRole('button', { name: 'Mensajes a varias', exact: true }).waitFor();
    expect((await sys.api('GET', '/api/chats?view=all&scheduled=true', admin)).body.total).toBe(0);
    const got = Object.values(CUSTOMERS).filter(([phone]) => sys.sim.received(phone).some((m) => m.text === 'Última hora: cerramos el lunes por inventario.'));
    expect(got).toHaveLength(1);
    expect(sys.sim.received(CUSTOMERS.carla[0]).map((m) => m.text)).not.toContain('Última hora: cerramos el lunes por inventario.');

    // One for tomorrow morning waits until then, says so, and is stopped before it starts.
    await sofia.getByRole('button', { name: 'Seleccionar conversaciones' }).click();
    await row(sofia, 'Ana Prieto').click();
    await bar(sofia).getByRole('button', { name: 'Enviar mensaje…' }).click();
    const tomorrow = sofia.getByRole('dialog', { name: 'Enviar un mensaje a 1 conversación' });
    await tomorrow.getByLabel('Mensaje', { exact: true }).fill('Mañana abrimos a las 9.');
    // Any day and time may be typed; one already past cannot be sent.
    await tomorrow.getByLabel('Empezar').selectOption({ value: 'custom' });
    await tomorrow.getByLabel('Día y hora del primero').fill('2020-01-01T09:00');
    await tomorrow.getByText('Elige una fecha y hora futuras.').waitFor();
    expect(await tomorrow.getByRole('button', { name: 'Enviar a 1' }).isDisabled()).toBe(true);
    await tomorrow.getByLabel('Día y hora del primero').fill('2027-06-01T10:00');
    await tomorrow.getByText(/^1 mensaje: sale el 1 jun 2027, 10:00\.$/).waitFor();
    expect(await tomorrow.getByRole('button', { name: 'Enviar a 1' }).isDisabled()).toBe(false);
    await tomorrow.getByLabel('Empezar').selectOption({ value: 'tomorrow' });
    await tomorrow.getByText(/^1 mensaje: sale mañana, 9:00\.$/).waitFor();
    await tomorrow.getByRole('button', { name: 'Enviar a 1' }).click();
    await tomorrow.getByText(/^Empiezan mañana, 9:00\./).waitFor();
    await tomorrow.getByRole('button', { name: 'Cerrar' }).last().click();
    await sofia.getByRole('button', { name: 'Mensajes a varias: 1 en curso' }).click();
    const waitingLine = recent.getByRole('listitem').first();
    await waitingLine.getByText('Empieza mañana, 9:00.').waitFor();
    await waitingLine.getByRole('button', { name: 'Detener los que faltan' }).click();
    await waitingLine.getByText('Detenidos: 1').waitFor();
    await recent.getByRole('button', { name: 'Cerrar' }).last().click();
    expect(sys.sim.received(CUSTOMERS.ana[0]).map((m) => m.text)).not.toContain('Mañana abrimos a las 9.');

    // Her contact card says why; Sofía may take her back in when Carla asks.
    await row(sofia, 'Carla Vidal').click();
    await sofia.getByRole('button', { name: 'Datos del contacto' }).click();
    const card = sofia.getByRole('dialog', { name: /Carla Vidal/ });
    const section = card.getByRole('region', { name: 'Mensajes a varias conversaciones' });
    await section.getByText(/^No los recibe: escribió «BAJA» el \d{1,2} \w+ \d{4}\.$/).waitFor();
    await section.scrollIntoViewIfNeeded();
    await checkScreen(sofia, SHOTS, '34d-contact-opted-out');
    // Her other window has the same card open: it follows at once.
    const other = await signedInPage(browser, sys.url, team.sofia.email, team.sofia.password);
    await other.goto(`${sys.url}/inbox`);
    await other.getByRole('radio', { name: 'Todas' }).click();
    await row(other, 'Carla Vidal').click();
    await other.getByRole('button', { name: 'Datos del contacto' }).click();
    const otherSection = other.getByRole('dialog', { name: /Carla Vidal/ }).getByRole('region', { name: 'Mensajes a varias conversaciones' });
    await otherSection.getByRole('button', { name: 'Volver a enviárselos' }).waitFor();
    await section.getByRole('button', { name: 'Volver a enviárselos' }).click();
    await sofia.getByText('Carla Vidal vuelve a recibir mensajes a varias conversaciones.').waitFor();
    await section.getByRole('button', { name: 'No enviarle más' }).waitFor();
    await otherSection.getByRole('button', { name: 'No enviarle más' }).waitFor();
    await otherSection.getByText(/^Recibe los mensajes que el equipo envía/).waitFor();
    await other.close();
    expect((await sys.api('GET', `/api/chats?view=all&q=${CUSTOMERS.carla[0]}`, admin)).body.data[0].optedOut).toBeNull();
    await sofia.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });
  });
});
