/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser)
/**
 * The employee inbox in a real browser over the real system and the WhatsApp simulator: an
 * employee sees only the chat assigned to them (another chat's message never shows up, not even
 * as a notification), receives an image and a document live with the exact bytes the contact
 * sent, replies with text and a file that the contact receives exactly once, keeps typing while
 * the gateway is down (the replies wait in the offline outbox and reach the contact once each,
 * in order, when it is back), marks a chat unread to come back to it (and filters by it), says a "thanks" needs no reply,
 * keeps unsent replies as drafts, snoozes a chat (and wakes it when the customer writes), finds a message by its words and
 * opens the chat at it, shares labels with a supervisor live (and filters by them), shows who else has the chat open and who is replying, and
 * loses the chat the moment it is unassigned.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { HubEvent } from '@switchboard/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, launchBrowser, newContext, notificationsOf, recordNotifications, screenshot, seriousA11yViolations, signIn } from './support/browser.ts';
import { tabWalk } from './support/keyboard.ts';
import { startSystem, type System } from './support/system.ts';

const SHOTS = 'inbox';
const SESSION = 'tienda';
const PHONE = '34600800001';
const ALICE = '34611000001';
const BOB = '34622000002';
const ALICE_JID = `${ALICE}@s.whatsapp.net`;
const BOB_JID = `${BOB}@s.whatsapp.net`;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let sys: System;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let adminToken: string;
let assignmentId: string;
const employee = { email: 'elena@e2e.test', password: 'Elena-temporal-1' };

/** Waits for the hub to store an incoming message of `chatId` matching `pred`. */
function incoming(chatId: string, pred: (m: Extract<HubEvent, { type: 'message' }>['message']) => boolean) {
  return sys.waitFor((e) => e.type === 'message' && e.sessionId === SESSION && e.message.chatId === chatId && pred(e.message));
}

/** Whether `url` loads a page of the chat list whose query passes `pred`. */
function isListPage(url: string, pred: (q: URLSearchParams) => boolean): boolean {
  const u = new URL(url);
  return u.pathname === '/api/chats' && u.searchParams.has('page') && pred(u.searchParams);
}

/** Screenshot + axe audit. */
async function check(name: string, p: Page = page): Promise<void> {
  await screenshot(p, SHOTS, name);
  const violations = await seriousA11yViolations(p);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

/** sha256 of what a URL of the page serves (fetched by the page itself, with its signed URL). */
function pageSha(url: string): Promise<string> {
  return page.evaluate(async (u) => {
    const buf = await (await fetch(u)).arrayBuffer();
    const digest = await crypto.subtle.digest('SHA-256', buf);
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }, url);
}

beforeAll(async () => {
  sys = await startSystem('e2e_inbox');
  adminToken = await sys.token(sys.adminEmail, sys.adminPassword);
  // A linked session with two customers.
  await sys.linkSession(adminToken, { sessionId: SESSION, name: 'Tienda Centro', phone: PHONE });
  sys.sim.createContact({ phone: ALICE, name: 'Alicia Gómez' });
  sys.sim.createContact({ phone: BOB, name: 'Bruno Díaz' });
  await sys.sim.contactSend(ALICE, { to: PHONE, text: 'Hola, quería preguntar por mi pedido' });
  await sys.sim.contactSend(BOB, { to: PHONE, text: 'Buenas, soy Bruno' });
  await incoming(ALICE_JID, () => true);
  await incoming(BOB_JID, () => true);
  // An employee with only Alicia's chat.
  const user = await sys.api<{ id: string }>('POST', '/api/users', adminToken, { name: 'Elena Ruiz', email: employee.email, password: employee.password, role: 'employee' });
  expect(user.status).toBe(201);
  await sys.token(employee.email, employee.password); // replaces the temporary password
  employee.password = `${employee.password}-own`;
  const assigned = await sys.api<{ id: string }>('POST', `/api/sessions/${SESSION}/assignments`, adminToken, { chatId: ALICE_JID, userId: user.body.id });
  expect(assigned.status).toBe(201);
  assignmentId = assigned.body.id;

  browser = await launchBrowser();
  ctx = await newContext(browser);
  await recordNotifications(ctx, sys.url);
  page = await ctx.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

describe('employee inbox', () => {
  it('shows the employee only the chat assigned to them, never another chat, not even as a notification', async () => {
    await signIn(page, sys.url, employee.email, employee.password);
    await page.waitForURL('**/inbox');
    const list = page.getByRole('listbox', { name: 'Conversaciones' });
    await list.getByRole('option', { name: /Alicia Gómez/ }).waitFor();
    expect(await list.getByRole('option').count()).toBe(1);
    // No supervisor views for an employee.
    expect(await page.getByRole('radiogroup', { name: 'Mostrar' }).count()).toBe(0);
    // Nor a new conversation: an employee writes only to the chats assigned to them.
    expect(await page.getByRole('button', { name: 'Nueva conversación' }).count()).toBe(0);
    await check('01-employee-inbox');

    // Bruno writes, then Alicia: events of a session arrive in order, so once Alicia's message is
    // on screen, Bruno's would have been too had it been delivered to this user.
    await sys.sim.contactSend(BOB, { to: PHONE, text: 'Mensaje privado de Bruno' });
    await incoming(BOB_JID, (m) => m.text === 'Mensaje privado de Bruno');
    await sys.sim.contactSend(ALICE, { to: PHONE, text: 'Sigo esperando noticias' });
    await list.getByText('Sigo esperando noticias').waitFor();
    expect(await page.getByText(/Bruno/).count()).toBe(0);
    const notes = await notificationsOf(page);
    expect(notes.some((n) => n.title.includes('Alicia'))).toBe(true);
    expect(notes.filter((n) => /Bruno/.test(`${n.title} ${n.body}`))).toEqual([]);
  });

  it('receives an image and a document live, byte for byte', async () => {
    await page.getByRole('option', { name: /Alicia Gómez/ }).click();
    await page.getByRole('log', { name: /Mensajes con Alicia Gómez/ }).waitFor();
    const image = await sharp({ create: { width: 480, height: 320, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();
    const document = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(40_000)]);
    await sys.sim.contactSend(ALICE, { to: PHONE, image, caption: 'Foto del paquete roto', mimetype: 'image/png' });
    await sys.sim.contactSend(ALICE, { to: PHONE, document, fileName: 'albaran-778.pdf', mimetype: 'application/pdf' });
    const log = page.getByRole('log', { name: /Mensajes con Alicia Gómez/ });
    await log.getByText('Foto del paquete roto').waitFor();
    const docLink = log.getByRole('link', { name: /albaran-778\.pdf/ });
    await docLink.waitFor();
    // The document says what it is as people name it, not its MIME type.
    expect(await log.locator('.media-doc', { hasText: 'albaran-778.pdf' }).locator('.faint').textContent()).toMatch(/^PDF · 39,\d KB$/);
    // The photo itself shows in the bubble (decoded, not a grey box).
    const photo = log.getByRole('img', { name: 'Foto del paquete roto' });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await check('02-thread-media');
    // The header speaks to the employee about their own chat.
    await page.locator('.thread-header').getByText('Asignada a ti', { exact: false }).waitFor();

    expect(await pageSha((await docLink.getAttribute('href'))!)).toBe(sha(document));
    await log.getByRole('button', { name: 'Ver imagen completa' }).click();
    const full = page.getByRole('dialog').locator('img.lightbox-image');
    await full.waitFor();
    expect(await pageSha((await full.getAttribute('src'))!)).toBe(sha(image));
    await page.keyboard.press('Escape');

    // The contact's details: number, session, messages, and the latest files, each opening its message.
    await page.getByRole('button', { name: 'Datos del contacto' }).click();
    const details = page.getByRole('dialog', { name: 'Datos de Alicia Gómez' });
    await details.getByText('+34611000001').waitFor();
    expect(await details.locator('dd').allTextContents()).toEqual(['+34611000001Copiar', 'Tienda Centro', expect.any(String), '4']);
    const files = details.getByRole('region', { name: 'Últimos archivos' }).getByRole('button');
    expect(await files.allTextContents()).toEqual(['albaran-778.pdf', 'Foto del paquete roto']);
    await check('02b-contact-details');
    await files.getByText('Foto del paquete roto').click();
    await details.waitFor({ state: 'hidden' });
    await page.waitForURL((u) => u.search.startsWith('?m='));
    await log.locator('.thread-row.focused', { hasText: 'Foto del paquete roto' }).waitFor();
  });

  it('replies with text and a file that the contact receives exactly once', async () => {
    const composer = page.getByRole('textbox', { name: /Mensaje para Alicia Gómez/ });
    // "/" with no quick replies yet says so and offers to create one; Escape closes that and
    // leaves the employee typing in the composer.
    await composer.fill('/');
    await page.getByText('Todavía no hay respuestas rápidas.').waitFor();
    expect(await page.getByRole('button', { name: 'Crear la primera' }).isVisible()).toBe(true);
    await composer.press('Escape');
    await page.getByText('Todavía no hay respuestas rápidas.').waitFor({ state: 'hidden' });
    expect(await composer.evaluate((el) => el === document.activeElement)).toBe(true);
    // Enter sends (as in WhatsApp); Shift+Enter starts a new line of the same message.
    await composer.fill('Hola Alicia,');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('ya lo estamos revisando');
    expect(await composer.inputValue()).toBe('Hola Alicia,\nya lo estamos revisando');
    await composer.press('Enter');
    await sys.sim.waitForReceived(ALICE, (m) => m.text === 'Hola Alicia,\nya lo estamos revisando', 30_000);
    const file = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(20_000)]);
    await page.locator('.composer input[type="file"]').setInputFiles({ name: 'devolucion.pdf', mimeType: 'application/pdf', buffer: file });
    await page.getByText('devolucion.pdf').first().waitFor();
    await composer.fill('Te adjunto el formulario');
    await composer.press('Control+Enter');
    const got = await sys.sim.waitForReceived(ALICE, (m) => m.fileName === 'devolucion.pdf', 30_000);
    expect(sha(got.media!)).toBe(sha(file));
    expect(got.caption).toBe('Te adjunto el formulario');
    // A later message proves the line moved past both: count them now.
    // Whoever writes long replies can make Enter a new line; Ctrl+Enter then sends.
    await page.getByRole('button', { name: 'Enviar con Ctrl+Enter' }).click();
    await page.getByText('Ctrl+Enter envía · Enter, nueva línea').waitFor();
    await composer.fill('¿Algo');
    await composer.press('Enter');
    expect(await composer.inputValue()).toBe('¿Algo\n');
    await composer.fill('¿Algo más?');
    await composer.press('Control+Enter');
    await sys.sim.waitForReceived(ALICE, (m) => m.text === '¿Algo más?', 30_000);
    const received = sys.sim.received(ALICE);
    expect(received.filter((m) => m.text === 'Hola Alicia,\nya lo estamos revisando')).toHaveLength(1);
    expect(received.filter((m) => m.text?.startsWith('¿Algo'))).toHaveLength(1);
    await page.getByRole('button', { name: 'Enviar con Enter' }).click();
    expect(received.filter((m) => m.fileName === 'devolucion.pdf')).toHaveLength(1);
    // The reply shows its delivery state.
    await page.getByRole('log').locator('[data-kind="text"] .ticks').last().waitFor();
    await check('03-replied');
    const walk = await tabWalk(page);
    expect(walk.missed, 'inbox: not reachable with Tab').toEqual([]);
  });

  it('creates a quick reply and uses it with "/": the customer, the agent and the session are filled in before it goes out', async () => {
    const composer = page.getByRole('textbox', { name: /Mensaje para Alicia Gómez/ });
    const text = 'Hola Alicia, soy Elena de Tienda Centro. ¿En qué puedo ayudarte?';
    await composer.fill('/');
    await page.getByRole('button', { name: 'Crear la primera' }).click();
    const dialog = page.getByRole('dialog', { name: 'Respuestas rápidas' });
    await dialog.getByRole('button', { name: 'Nueva respuesta' }).click();
    await dialog.getByLabel('Atajo').fill('saludo');
    await dialog.getByLabel('Texto').fill('Hola {nombre}, soy {agente} de {empresa}. ¿En qué puedo ayudarte?');
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await dialog.getByText('/saludo').waitFor();
    await dialog.getByRole('button', { name: 'Cerrar', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await composer.fill('/sal');
    // The suggestion shows the words as they will go out.
    await page.getByRole('listbox', { name: 'Respuestas rápidas que coinciden' }).getByRole('option').getByText(text).waitFor();
    await composer.press('Enter');
    expect(await composer.inputValue()).toBe(text);
    await composer.press('Enter');
    await sys.sim.waitForReceived(ALICE, (m) => m.text === text, 30_000);
    await expect.poll(() => composer.inputValue()).toBe('');
  });

  it('keeps internal notes for the team: never sent to the contact, live for everyone on the chat', async () => {
    const modes = page.getByRole('group', { name: 'Qué escribes' });
    await modes.getByRole('button', { name: 'Nota interna' }).click();
    const noteBox = page.getByRole('textbox', { name: 'Nota interna sobre Alicia Gómez' });
    await noteBox.fill('Pidió factura a nombre de la empresa');
    await noteBox.press('Enter');
    const log = page.getByRole('log', { name: /Mensajes con Alicia Gómez/ });
    const mine = log.locator('.note', { hasText: 'Pidió factura a nombre de la empresa' });
    await mine.waitFor();
    expect(await mine.getByText('Elena Ruiz').count()).toBe(1);
    // A supervisor's note (written elsewhere) shows up live; the employee may not delete it.
    const added = await sys.api('POST', `/api/sessions/${SESSION}/chats/${ALICE_JID}/notes`, adminToken, { text: 'Factura enviada por correo' });
    expect(added.status).toBe(201);
    const theirs = log.locator('.note', { hasText: 'Factura enviada por correo' });
    await theirs.waitFor();
    expect(await theirs.getByRole('button', { name: 'Borrar la nota' }).count()).toBe(0);
    await check('04-internal-notes');

    // Back to replying: the reply reaches the contact, the notes never did.
    await modes.getByRole('button', { name: 'Responder' }).click();
    const composer = page.getByRole('textbox', { name: /Mensaje para Alicia Gómez/ });
    await composer.fill('Te enviamos la factura por correo');
    await composer.press('Enter');
    await sys.sim.waitForReceived(ALICE, (m) => m.text === 'Te enviamos la factura por correo', 30_000);
    expect(sys.sim.received(ALICE).filter((m) => /factura a nombre|Factura enviada/.test(`${m.text ?? ''} ${m.caption ?? ''}`))).toEqual([]);

    await mine.getByRole('button', { name: 'Borrar la nota' }).click();
    await mine.waitFor({ state: 'detached' });
    expect(await theirs.count()).toBe(1);
  });

  it('marks the chat unread to come back to it, and finds it with the unread filter', async () => {
    const list = page.getByRole('listbox', { name: 'Conversaciones' });
    const alicia = list.getByRole('option', { name: /Alicia Gómez/ });
    // Replying marked it read: no badge, and the header offers to mark it unread.
    expect(await alicia.locator('.unread-badge').count()).toBe(0);
    await page.getByRole('button', { name: 'Marcar como no leída' }).click();
    await page.waitForURL(/\/inbox$/);
    await alicia.getByLabel('1 mensaje sin leer').waitFor();
    const row = await sys.api<{ data: { id: string; unreadCount: number }[] }>('GET', `/api/chats?sessionId=${SESSION}&unread=true`, adminToken);
    expect(row.body.data.find((c) => c.id === ALICE_JID)?.unreadCount).toBe(1);

    await page.getByLabel('Solo no leídas').check();
    await alicia.waitFor();
    await check('05-unread-filter');
    await alicia.click();
    await page.getByRole('button', { name: 'Marcar como leída' }).click();
    await alicia.locator('.unread-badge').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Marcar como no leída' }).waitFor();
    // The whole list is back (its page loaded) before the next test stops the server.
    const reloaded = page.waitForResponse((r) => isListPage(r.url(), (q) => !q.has('unread')) && r.ok());
    await page.getByLabel('Solo no leídas').uncheck();
    await reloaded;
    await alicia.waitFor();
  });

  it('jumps to a conversation from the command palette, only among the employee\'s own', async () => {
    await page.getByRole('button', { name: 'Cerrar conversación' }).click();
    await page.waitForURL(/\/inbox$/);
    const palette = page.getByRole('dialog', { name: 'Buscar o ir a…' });
    const box = palette.getByRole('combobox', { name: 'Buscar o ir a…' });
    await page.keyboard.press('Control+k');
    // Bruno's chat exists but is not hers: the server finds no conversation for her (only the
    // offer to search the words in her messages).
    await box.fill('bruno');
    await palette.getByRole('option', { name: 'Buscar «bruno» en los mensajes' }).waitFor();
    expect(await palette.getByRole('group', { name: 'Conversaciones' }).count()).toBe(0);
    // Words of a message: Enter searches them in the inbox's messages.
    await box.fill('paquete roto');
    await box.press('Enter');
    await page.getByRole('list', { name: 'Mensajes encontrados' }).getByText('Foto del paquete roto').waitFor();
    expect(await page.getByRole('searchbox', { name: 'Buscar por nombre o número' }).inputValue()).toBe('paquete roto');
    await page.getByRole('searchbox', { name: 'Buscar por nombre o número' }).fill('');
    await page.keyboard.press('Control+k');
    // Her customer, without the accent, with the number and the session beside the name.
    await box.fill('gomez');
    const hit = palette.getByRole('group', { name: 'Conversaciones' }).getByRole('option', { name: /Alicia Gómez/ });
    await hit.waitFor();
    expect(await hit.textContent()).toContain(`+${ALICE}`);
    await check('05b-command-palette');
    await box.press('Enter');
    await page.getByRole('heading', { name: 'Alicia Gómez' }).waitFor();
    expect(decodeURIComponent(page.url())).toContain(`/inbox/${SESSION}/${ALICE_JID}`);
  });

  it('takes a "thanks" out of needs-reply without answering it, until the customer writes again', async () => {
    const row = page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Alicia Gómez/ });
    const badge = page.getByRole('navigation', { name: 'Navegación principal' }).getByLabel('1 conversación sin responder');
    await sys.sim.contactSend(ALICE, { to: PHONE, text: '¡Muchas gracias!' });
    await row.locator('.needs-reply-tag').waitFor();
    // How long the customer has waited, with when it began on hover.
    expect(await row.locator('.needs-reply-tag').textContent()).toBe('Sin responder · <1 min');
    expect(await row.locator('.needs-reply-tag').getAttribute('title')).toMatch(/^Esperando respuesta desde el \d+ \w+ \d{4}, \d{1,2}:\d{2}$/);
    await badge.waitFor();
    const sentBefore = sys.sim.received(ALICE).length;
    await page.getByRole('button', { name: 'No requiere respuesta' }).click();
    await page.getByText('Listo: no requiere respuesta.', { exact: false }).waitFor();
    await row.locator('.needs-reply-tag').waitFor({ state: 'detached' });
    await badge.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'No requiere respuesta' }).count()).toBe(0);
    // The next message needs a reply again.
    await sys.sim.contactSend(ALICE, { to: PHONE, text: 'Ah, y otra cosa' });
    await row.locator('.needs-reply-tag').waitFor();
    await page.getByRole('button', { name: 'No requiere respuesta' }).waitFor();
    expect(sys.sim.received(ALICE)).toHaveLength(sentBefore);
  });

  it('reacts to a message with a quick reaction the customer receives, and takes it back; a reaction answers nothing', async () => {
    const row = page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Alicia Gómez/ });
    const asked = page.locator('.msg-in', { hasText: 'Ah, y otra cosa' });
    const askedId = await asked.getAttribute('data-id');
    const reactionsTo = () => sys.sim.received(ALICE).filter((m) => m.kind === 'reaction' && m.reaction?.targetId === askedId).map((m) => m.reaction?.emoji);
    await asked.hover();
    await asked.getByRole('button', { name: 'Reaccionar', exact: true }).click();
    await asked.getByRole('button', { name: 'Reaccionar con 👍' }).waitFor();
    await check('05c-reaction-picker');
    await asked.getByRole('button', { name: 'Reaccionar con 👍' }).click();
    await asked.getByLabel('Reacciones: 👍 (la tuya: 👍)').waitFor();
    await expect.poll(reactionsTo).toEqual(['👍']);
    // Picked again, it is taken back.
    await asked.hover();
    await asked.getByRole('button', { name: 'Reaccionar', exact: true }).click();
    await asked.getByRole('button', { name: 'Quitar tu reacción 👍' }).click();
    await asked.locator('.msg-reactions').waitFor({ state: 'detached' });
    await expect.poll(reactionsTo).toEqual(['👍', '']);
    // Any emoji, from the whole picker behind the +.
    await asked.hover();
    await asked.getByRole('button', { name: 'Reaccionar', exact: true }).click();
    await asked.getByRole('button', { name: 'Reaccionar con otro emoji' }).click();
    const all = page.getByRole('dialog', { name: 'Reaccionar con otro emoji' });
    await all.getByRole('searchbox', { name: 'Buscar emoji' }).fill('fuego');
    await check('05f-reaction-any-emoji');
    await all.getByRole('button', { name: 'fuego', exact: true }).click();
    await all.waitFor({ state: 'detached' });
    await asked.getByLabel('Reacciones: 🔥 (la tuya: 🔥)').waitFor();
    await expect.poll(reactionsTo).toEqual(['👍', '', '🔥']);
    // The customer still waits for an answer.
    expect(await row.locator('.needs-reply-tag').count()).toBe(1);
  });

  it('shows the customer\'s edit in place, marked as edited, and a message deleted for everyone without its words', async () => {
    const log = page.getByRole('log', { name: /Mensajes con Alicia Gómez/ });
    const row = page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Alicia Gómez/ });
    const { id: address } = await sys.sim.contactSend(ALICE, { to: PHONE, text: 'Mi dirección es Calle Mayor 1' });
    await log.getByText('Mi dirección es Calle Mayor 1').waitFor();
    await sys.sim.contactSend(ALICE, { to: PHONE, edit: { targetId: address, text: 'Mi dirección es Calle Mayor 10' } });
    const edited = log.locator(`[data-id="${address}"]`);
    await edited.getByText('Mi dirección es Calle Mayor 10').waitFor();
    await edited.getByText('editado').waitFor();
    const { id: oops } = await sys.sim.contactSend(ALICE, { to: PHONE, text: 'Mi tarjeta es 4111 1111 1111 1111' });
    await log.getByText('Mi tarjeta es 4111 1111 1111 1111').waitFor();
    await sys.sim.contactSend(ALICE, { to: PHONE, revoke: { targetId: oops } });
    await log.locator(`[data-id="${oops}"]`).getByText('Se eliminó este mensaje').waitFor();
    await check('05c-edited-and-deleted');
    // Gone from the thread and from the list's preview, and no notification for either change.
    expect(await page.getByText('4111 1111 1111 1111').count()).toBe(0);
    await row.getByText('🚫 Mensaje eliminado').waitFor();
    expect((await notificationsOf(page)).filter((n) => /Calle Mayor 10|Mensaje eliminado/.test(n.body))).toEqual([]);
  });

  it('corrects a reply: edits its text (the customer gets the edit) and then deletes it for everyone', async () => {
    const log = page.getByRole('log', { name: /Mensajes con Alicia Gómez/ });
    const composer = page.getByRole('textbox', { name: /Mensaje para Alicia Gómez/ });
    await composer.fill('El pedido sale el lunes');
    await composer.press('Enter');
    // The stored message (not its outbox placeholder, which has no id yet).
    const sent = log.locator('.msg-out[data-id]', { hasText: 'El pedido sale el lunes' });
    await sent.waitFor();
    const id = await sent.getAttribute('data-id');
    const reply = log.locator(`[data-id="${id}"]`);
    const changes = () => sys.sim.received(ALICE).filter((m) => (m.kind === 'edit' || m.kind === 'revoke') && m.targetId === id).map((m) => `${m.kind}:${m.text ?? ''}`);
    await reply.hover();
    // Offered once WhatsApp has the message.
    await reply.getByRole('button', { name: 'Editar' }).click();
    const dialog = page.getByRole('dialog', { name: 'Editar mensaje' });
    await dialog.getByLabel('Texto').fill('El pedido sale el martes');
    await check('05c-edit-message');
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('Mensaje editado.').waitFor();
    await reply.getByText('El pedido sale el martes').waitFor();
    await reply.getByText('editado').waitFor();
    await expect.poll(changes).toEqual(['edit:El pedido sale el martes']);

    await reply.hover();
    await reply.getByRole('button', { name: 'Eliminar para todos' }).click();
    await page.getByRole('dialog', { name: '¿Eliminar este mensaje para todos?' }).getByRole('button', { name: 'Eliminar para todos' }).click();
    await reply.getByText('Se eliminó este mensaje').waitFor();
    await expect.poll(changes).toEqual(['edit:El pedido sale el martes', 'revoke:']);
    expect(await reply.getByRole('button', { name: 'Editar' }).count()).toBe(0);
  });

  it('keeps a reply typed and not sent (and the message it quotes) when the chat closes, shows it in the list, and still has it after a reload, a picked file too', async () => {
    const list = page.getByRole('listbox', { name: 'Conversaciones' });
    const row = list.getByRole('option', { name: /Alicia Gómez/ });
    const composer = page.getByRole('textbox', { name: /Mensaje para Alicia Gómez/ });
    await composer.fill('Te llamo mañana a las');
    // Closed at once, before the pause that records a draft: nothing typed is lost.
    await page.getByRole('button', { name: 'Cerrar conversación' }).click();
    await row.getByText('Borrador:').waitFor();
    expect(await row.textContent()).toContain('Te llamo mañana a las');
    await check('05c-draft-in-list');
    await page.reload();
    await row.getByText('Borrador:').waitFor();
    await row.click();
    await composer.waitFor();
    expect(await composer.inputValue()).toBe('Te llamo mañana a las');
    // The message a reply quotes is kept with it, and the reply goes out quoting it.
    const asked = page.locator('.msg-in', { hasText: 'Ah, y otra cosa' });
    const askedId = await asked.getAttribute('data-id');
    await asked.hover();
    await asked.getByRole('button', { name: 'Responder' }).click();
    const quote = page.locator('.composer-quote');
    await quote.getByText('Ah, y otra cosa').waitFor();
    await page.getByRole('button', { name: 'Cerrar conversación' }).click();
    await composer.waitFor({ state: 'detached' });
    await page.reload();
    await row.click();
    await quote.getByText('Ah, y otra cosa').waitFor();
    expect(await composer.inputValue()).toBe('Te llamo mañana a las');
    await screenshot(page, SHOTS, '05e-draft-quoted-reply');
    await composer.fill('Te llamo mañana a las 10');
    await composer.press('Enter');
    await expect.poll(() => sys.sim.received(ALICE).filter((m) => m.text === 'Te llamo mañana a las 10')).toEqual([expect.objectContaining({ quotedId: askedId })]);
    await quote.waitFor({ state: 'detached' });
    // Typed again and emptied: the box forgets it.
    await composer.fill('Otra cosa');
    await composer.fill('');
    await page.getByRole('button', { name: 'Cerrar conversación' }).click();
    // From the moment the thread is gone the row would show a draft left behind.
    await composer.waitFor({ state: 'detached' });
    await expect.poll(() => row.locator('.chat-preview').textContent()).not.toContain('Borrador');
    await row.click();
    expect(await composer.inputValue()).toBe('');
    // A file picked and not sent stays with the chat, across a reload too, and goes out once.
    const quoteFile = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(4_000)]);
    await page.locator('.composer input[type="file"]').setInputFiles({ name: 'presupuesto.pdf', mimeType: 'application/pdf', buffer: quoteFile });
    await page.locator('.file-chip', { hasText: 'presupuesto.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Cerrar conversación' }).click();
    await composer.waitFor({ state: 'detached' });
    await row.getByText('📎 presupuesto.pdf').waitFor();
    await page.reload();
    await row.getByText('📎 presupuesto.pdf').waitFor();
    await row.click();
    await page.locator('.file-chip', { hasText: 'presupuesto.pdf' }).waitFor();
    await composer.press('Enter');
    const sentFile = await sys.sim.waitForReceived(ALICE, (m) => m.fileName === 'presupuesto.pdf', 30_000);
    expect(sha(sentFile.media!)).toBe(sha(quoteFile));
    await page.locator('.file-chip').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Cerrar conversación' }).click();
    await composer.waitFor({ state: 'detached' });
    await expect.poll(() => row.locator('.chat-preview').textContent()).not.toContain('Borrador');
    expect(sys.sim.received(ALICE).filter((m) => m.fileName === 'presupuesto.pdf')).toHaveLength(1);
    await row.click();
  });

  it('snoozes a chat until tomorrow, lists it apart, brings it back, wakes it live when the customer writes, and reminds when its time comes', async () => {
    const list = page.getByRole('listbox', { name: 'Conversaciones' });
    const row = list.getByRole('option', { name: /Alicia Gómez/ });
    const snoozedToggle = page.getByLabel(/^Pospuestas \(\d+\)$/);
    await page.getByRole('button', { name: 'Posponer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Posponer «Alicia Gómez»' });
    await dialog.getByRole('button', { name: /Mañana por la mañana/ }).waitFor();
    await check('05d-snooze');
    await dialog.getByRole('button', { name: /Mañana por la mañana/ }).click();
    await page.getByText(/^Pospuesta hasta el .*Volverá antes si el cliente escribe\.$/).waitFor();
    // Out of the list (and of the badge) until then; counted apart.
    await page.waitForURL(/\/inbox$/);
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('Pospuestas (1)').check();
    await row.click();
    await page.locator('.snoozed-banner').getByText(/^Pospuesta hasta el /).waitFor();
    await page.getByRole('button', { name: 'Recuperar ahora' }).click();
    await page.getByText('Conversación recuperada: vuelve a la bandeja.').waitFor();
    // Nothing is snoozed any more: leaving the view also takes the toggle away.
    await snoozedToggle.click();
    await row.waitFor();
    await snoozedToggle.waitFor({ state: 'detached' });

    // Snoozed from another console: it leaves this list live; the customer writing brings it back live.
    await page.getByRole('button', { name: 'Cerrar conversación' }).click();
    const snoozed = await sys.api('PUT', `/api/sessions/${SESSION}/chats/${encodeURIComponent(ALICE_JID)}/snooze`, adminToken, { until: Date.now() + 3600_000 });
    expect(snoozed.status).toBe(200);
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('Pospuestas (1)').waitFor();
    await sys.sim.contactSend(ALICE, { to: PHONE, text: '¿Sigues ahí?' });
    await row.waitFor();
    await snoozedToggle.waitFor({ state: 'detached' });

    // Its time comes while the inbox is open: back in the list, with a reminder.
    expect((await sys.api('PUT', `/api/sessions/${SESSION}/chats/${encodeURIComponent(ALICE_JID)}/snooze`, adminToken, { until: Date.now() + 2000 })).status).toBe(200);
    await row.waitFor({ state: 'detached' });
    await row.waitFor();
    await expect.poll(async () => (await notificationsOf(page)).some((n) => n.title.includes('Alicia') && n.body.startsWith('Vuelve a la bandeja'))).toBe(true);

    await row.click();
    await page.getByRole('log', { name: /Mensajes con Alicia Gómez/ }).getByText('¿Sigues ahí?').waitFor();
  });

  it('finds a message by its words, without accents, and opens the chat at it even when it is pages back', async () => {
    const { id: target } = await sys.sim.contactSend(ALICE, { to: PHONE, text: 'Mi número de pedido es el 4471, llegó roto' });
    // More than a page of newer messages: the hit is not in the thread's first page.
    let last = '';
    for (let i = 1; i <= 55; i++) last = (await sys.sim.contactSend(ALICE, { to: PHONE, text: `Foto ${i} del paquete` })).id;
    await incoming(ALICE_JID, (m) => m.id === last);

    const search = page.getByRole('searchbox', { name: 'Buscar por nombre o número' });
    await search.fill('numero de PEDIDO');
    await page.getByRole('radiogroup', { name: 'Buscar en' }).getByRole('radio', { name: 'Mensajes' }).click();
    const hits = page.getByRole('list', { name: 'Mensajes encontrados' });
    const hit = hits.locator(`[data-message="${target}"]`);
    await hit.waitFor();
    expect(await hit.locator('mark').allTextContents()).toEqual(['número de pedido']);
    expect(await hits.getByRole('listitem').count()).toBe(1);
    // Meanwhile the open thread followed the burst and stays at its last message (rows outside
    // the view are not drawn), with no "jump to latest" offered.
    await page.getByRole('log', { name: /Mensajes con Alicia Gómez/ }).getByText('Foto 55 del paquete', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Ir a los últimos mensajes' }).count()).toBe(0);
    await check('06-message-search');
    // The agent scrolling up (the wheel) stops the following: a new message offers the jump instead.
    const log = page.getByRole('log', { name: /Mensajes con Alicia Gómez/ });
    await log.hover();
    await page.mouse.wheel(0, -600);
    await expect.poll(() => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeGreaterThan(300);
    await sys.sim.contactSend(ALICE, { to: PHONE, text: 'Foto 56 del paquete' });
    await page.getByRole('button', { name: 'Ir a los últimos mensajes' }).click();
    await log.getByText('Foto 56 del paquete', { exact: true }).waitFor();

    await hit.click();
    await page.waitForURL((u) => u.searchParams.get('m') === target);
    const focused = page.getByRole('log', { name: /Mensajes con Alicia Gómez/ }).locator('.thread-row.focused');
    await focused.getByText('Mi número de pedido es el 4471, llegó roto').waitFor({ timeout: 30_000 });
    await screenshot(page, SHOTS, '07-search-hit-in-thread');

    // Bruno's chat is not hers: his messages are never found.
    await search.fill('privado de Bruno');
    await page.getByText('Ningún mensaje coincide').waitFor();
    // The chat stayed open (with its name) while the chat list was filtered to nothing.
    await page.getByRole('heading', { name: 'Alicia Gómez' }).waitFor();
    const reloaded = page.waitForResponse((r) => isListPage(r.url(), (q) => !q.has('q')) && r.ok());
    await search.fill('');
    await reloaded;
    await page.getByRole('radiogroup', { name: 'Buscar en' }).waitFor({ state: 'detached' });
  });

  it('labels chats: a supervisor creates and renames a label, the employee sees it live, takes it off, and filters by it', async () => {
    // A supervisor at another desk.
    const sup = { email: 'sofia@e2e.test', password: 'Sofia-temporal-1' };
    expect((await sys.api('POST', '/api/users', adminToken, { name: 'Sofía Marín', email: sup.email, password: sup.password, role: 'supervisor' })).status).toBe(201);
    await sys.token(sup.email, sup.password); // replaces the temporary password
    sup.password = `${sup.password}-own`;
    const supCtx = await newContext(browser);
    const supPage = await supCtx.newPage();
    await signIn(supPage, sys.url, sup.email, sup.password);
    await supPage.goto(`${sys.url}/inbox/${SESSION}/${encodeURIComponent(ALICE_JID)}`);
    await supPage.getByRole('heading', { name: 'Alicia Gómez' }).waitFor();
    // Every action of a supervisor's header fits beside or under the name, which stays readable.
    await supPage.getByRole('button', { name: 'No requiere respuesta' }).waitFor();
    expect((await supPage.getByRole('heading', { name: 'Alicia Gómez' }).boundingBox())!.width).toBeGreaterThan(100);
    await check('08a-supervisor-thread', supPage);
    // Read back from the server, the burst of photos is in the order the customer sent it.
    const photos = (await supPage.getByRole('log', { name: /Mensajes con Alicia Gómez/ }).getByText(/^Foto \d+ del paquete$/).allTextContents()).map((text) => Number(/\d+/.exec(text)![0]));
    expect(photos.length).toBeGreaterThan(3);
    expect(photos).toEqual([...photos].sort((a, b) => a - b));
    // Out of the reply box (Esc), L opens the chat's labels.
    await supPage.getByRole('textbox', { name: /Mensaje para Alicia Gómez/ }).waitFor();
    await supPage.keyboard.press('Escape');
    await supPage.keyboard.press('l');
    const supDialog = supPage.getByRole('dialog', { name: 'Etiquetas de Alicia Gómez' });
    await supDialog.getByText('Todavía no hay etiquetas').waitFor();
    await supDialog.getByLabel('Nueva etiqueta').fill('Urgente');
    await supDialog.getByRole('radio', { name: 'Rojo' }).click();
    await supDialog.getByRole('button', { name: 'Crear y poner' }).click();
    await supDialog.getByRole('checkbox', { name: 'Urgente' }).waitFor();
    expect(await supDialog.getByRole('checkbox', { name: 'Urgente' }).isChecked()).toBe(true);
    await supPage.keyboard.press('Escape');

    // The employee's list shows it at once (a label this console had not heard of).
    const alicia = page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Alicia Gómez/ });
    await alicia.getByLabel('Etiquetas: Urgente').waitFor();
    await page.getByRole('button', { name: 'Etiquetas' }).click();
    const dialog = page.getByRole('dialog', { name: 'Etiquetas de Alicia Gómez' });
    const urgent = dialog.getByRole('checkbox', { name: 'Urgente' });
    await urgent.waitFor();
    expect(await urgent.isChecked()).toBe(true);
    // Employees use the team's labels; they do not define them.
    expect(await dialog.getByLabel('Nueva etiqueta').count()).toBe(0);
    await check('08-labels');
    await urgent.uncheck();
    await supPage.getByRole('heading', { name: 'Alicia Gómez' }).locator('..').getByLabel('Etiquetas: Urgente').waitFor({ state: 'detached' });
    await urgent.check();
    await supPage.locator('.thread-title').getByLabel('Etiquetas: Urgente').waitFor();
    await page.keyboard.press('Escape');

    // Both have the chat open: each sees the other, and who is writing a reply.
    await page.locator('.agents-here').getByText('También la tiene abierta: Sofía Marín').waitFor();
    await supPage.locator('.agents-here').getByText('También la tiene abierta: Elena Ruiz').waitFor();
    // Her chat list marks the chat too.
    await supPage.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Alicia Gómez/ }).getByRole('img', { name: 'La tiene abierta: Elena Ruiz' }).waitFor();
    // A reply the employee sends reaches the supervisor live with her name on it (her own console shows none).
    const employeeComposer = page.getByRole('textbox', { name: /Mensaje para Alicia Gómez/ });
    await employeeComposer.fill('Lo reviso y te digo');
    await employeeComposer.press('Enter');
    const supLog = supPage.getByRole('log', { name: /Mensajes con Alicia Gómez/ });
    await supLog.locator('.msg-out', { hasText: 'Lo reviso y te digo' }).locator('.msg-sender').getByText('Elena Ruiz').waitFor();
    // She was writing it; now that it is there, she is not (in the same render as her reply).
    expect(await supPage.locator('.agents-here').textContent()).not.toContain('Respondiendo ahora: Elena Ruiz');
    await screenshot(supPage, SHOTS, '08b-colleague-reply');
    const own = page.getByRole('log', { name: /Mensajes con Alicia Gómez/ }).locator('.msg-out[data-id]', { hasText: 'Lo reviso y te digo' });
    await own.waitFor();
    expect(await own.locator('.msg-sender').count()).toBe(0);
    await supPage.getByRole('textbox', { name: /Mensaje para Alicia Gómez/ }).pressSequentially('Hola Alicia, te');
    await page.locator('.agents-here').getByText('Respondiendo ahora: Sofía Marín. Mejor no contestar a la vez.').waitFor();
    await check('09-agent-replying');

    // The supervisor renames the label: the employee's console shows the new name at once.
    await supPage.keyboard.press('Escape');
    await supPage.keyboard.press('l');
    await supDialog.getByRole('button', { name: 'Cambiar la etiqueta Urgente' }).click();
    await supDialog.getByLabel('Nuevo nombre de Urgente').fill('Urgente hoy');
    await supDialog.getByRole('button', { name: 'Guardar' }).click();
    await supDialog.getByRole('checkbox', { name: 'Urgente hoy' }).waitFor();
    await alicia.getByLabel('Etiquetas: Urgente hoy').waitFor();

    // From the team board, the supervisor opens Elena's chats: only hers, until she picks everyone.
    await supPage.goto(`${sys.url}/dashboard`);
    // Beside each person's waiting chats, how long the longest has waited ("<1 min", "25 min", or — for none).
    const elenaRow = supPage.getByRole('table', { name: 'Equipo' }).getByRole('row', { name: /Elena Ruiz/ });
    await supPage.getByRole('columnheader', { name: 'Espera más larga' }).waitFor();
    expect(await elenaRow.getByRole('cell').last().textContent()).toMatch(/^(<1 min|\d+ min|\d+ h|\d+ d|—)$/);
    await supPage.getByRole('table', { name: 'Equipo' }).getByRole('link', { name: 'Elena Ruiz' }).click();
    await supPage.waitForURL((u) => u.pathname === '/inbox' && !u.search.includes('assignee'));
    const person = supPage.getByLabel('Persona', { exact: true });
    await expect.poll(() => person.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toMatch(/^Elena Ruiz \(1\)$/);
    const supList = supPage.getByRole('listbox', { name: 'Conversaciones' });
    await supList.getByRole('option', { name: /Alicia Gómez/ }).waitFor();
    expect(await supList.getByRole('option', { name: /Bruno/ }).count()).toBe(0);
    expect(await supPage.getByRole('radio', { name: 'Todas' }).getAttribute('aria-checked')).toBe('true');
    await check('08c-person-filter', supPage);
    await person.selectOption({ label: 'Todas las personas' });
    await supList.getByRole('option', { name: /Bruno/ }).waitFor();
    // Bruno's chat has nobody: one click takes it.
    await supList.getByRole('option', { name: /Bruno/ }).click();
    await supPage.getByRole('button', { name: 'Asignármela' }).waitFor();
    await screenshot(supPage, SHOTS, '08d-take-chat');
    await supPage.getByRole('button', { name: 'Asignármela' }).click();
    await supPage.locator('.thread-header').getByText('Asignada a ti', { exact: false }).waitFor();
    await supPage.getByRole('button', { name: 'Asignármela' }).waitFor({ state: 'detached' });
    const taken = await sys.api<{ data: { userId: string }[] }>('GET', `/api/sessions/${SESSION}/assignments?chatId=${encodeURIComponent(BOB_JID)}`, adminToken);
    expect(taken.body.data).toHaveLength(1);
    await supCtx.close();
    await page.locator('.agents-here').waitFor({ state: 'detached' });

    const byLabel = page.waitForResponse((r) => isListPage(r.url(), (q) => q.has('label')) && r.ok());
    await page.getByLabel('Etiqueta', { exact: true }).selectOption({ label: 'Urgente hoy' });
    await byLabel;
    await alicia.waitFor();
    const all = page.waitForResponse((r) => isListPage(r.url(), (q) => !q.has('label')) && r.ok());
    await page.getByLabel('Etiqueta', { exact: true }).selectOption({ label: 'Todas las etiquetas' });
    await all;
  });

  it('keeps replies typed while the server is down and delivers each once, in order, when it returns', async () => {
    await sys.stopGateway();
    await page.locator('[data-state="offline"]').first().waitFor({ timeout: 30_000 });
    const composer = page.getByRole('textbox', { name: /Mensaje para Alicia Gómez/ });
    await composer.fill('Primera respuesta sin conexión');
    await composer.press('Control+Enter');
    await composer.fill('Segunda respuesta sin conexión');
    await composer.press('Control+Enter');
    const queued = page.locator('[data-outbox]');
    await queued.nth(1).waitFor();
    expect(await queued.count()).toBe(2);
    await page.getByText(/respuestas en cola, esperando conexión/).waitFor();
    await screenshot(page, SHOTS, '10-offline-queued');

    await sys.startGateway();
    const second = await sys.sim.waitForReceived(ALICE, (m) => m.text === 'Segunda respuesta sin conexión', 60_000);
    const received = sys.sim.received(ALICE);
    const first = received.filter((m) => m.text === 'Primera respuesta sin conexión');
    expect(first).toHaveLength(1);
    expect(received.filter((m) => m.text === 'Segunda respuesta sin conexión')).toHaveLength(1);
    expect(received.indexOf(first[0]!)).toBeLessThan(received.indexOf(second));
    // Back online, the queue empties and the replies show as sent messages.
    await page.locator('[data-state="live"]').first().waitFor({ timeout: 30_000 });
    await page.locator('[data-outbox]').first().waitFor({ state: 'detached', timeout: 30_000 });
    await screenshot(page, SHOTS, '11-back-online');
  });

  it('closes the chat at once when it is unassigned', async () => {
    expect((await sys.api('DELETE', `/api/sessions/${SESSION}/assignments/${assignmentId}`, adminToken)).status).toBe(204);
    await page.getByText('Ya no tienes acceso a esta conversación: se ha reasignado.').waitFor();
    await page.waitForURL(/\/inbox$/);
    await page.getByText('No hay conversaciones').waitFor();
    // The count follows: the list no longer claims a conversation it does not show.
    await page.locator('.inbox-status').getByText('0 conversaciones').waitFor();
    // So does the needs-reply badge: the chat waiting for a reply is no longer hers.
    await page.getByRole('navigation', { name: 'Navegación principal' }).locator('.nav-badge').waitFor({ state: 'detached' });
    await check('12-unassigned');
  });
});
