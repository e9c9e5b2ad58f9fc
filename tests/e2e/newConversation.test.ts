/// <reference lib="dom" />
/**
 * Starting a conversation in a real browser over the real system and the WhatsApp simulator: an
 * administrator opens *Nueva conversación* (button or N), a number without WhatsApp and a
 * malformed one are refused before anything is sent, a session waiting for its QR says it is not
 * connected, and the customer's number gets the first message exactly once, in the chat that
 * then opens, assigned to whoever started it. A salesperson (a role that reads only its own chats
 * but may start conversations) gets the chat assigned without a choice, and is refused a
 * customer the session already talks to. (That an employee, who writes only to assigned chats,
 * is not offered it: inbox.test.ts.) A group member without a chat is written to from the
 * group's details, the dialog filled in; *Responder en privado* on her group message then opens it
 * with the reply quoting that message, which reaches her phone as WhatsApp's private reply.
 * *Nuevo grupo* creates a WhatsApp group with several customers and says whom WhatsApp left out.
 */
import { BUILT_IN_ROLE_PERMISSIONS } from '@switchboard/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, notificationsOf, recordNotifications, signedInPage, signIn } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';

const SHOTS = 'inbox';
const SESSION = 'ventas';
const PHONE = '34600950001';
const CARLA = '34611950001';
const CARLA_JID = `${CARLA}@s.whatsapp.net`;
const DIEGO = '34611950002';
const DIEGO_JID = `${DIEGO}@s.whatsapp.net`;
const EVA = '34611950003';

let sys: System;
let browser: Browser;
let page: Page;
let adminToken: string;

/** Screenshot + axe audit + keyboard walk of the current screen (or open dialog). */
const check = (name: string) => checkScreen(page, SHOTS, name, { keyboard: true });

beforeAll(async () => {
  sys = await startSystem('e2e_new_chat');
  const admin = await sys.token(sys.adminEmail, sys.adminPassword);
  adminToken = admin;
  await sys.linkSession(admin, { sessionId: SESSION, name: 'Ventas', phone: PHONE });
  // A second session nobody linked yet: it waits for its QR.
  expect((await sys.api('POST', '/api/sessions', admin, { sessionId: 'soporte', name: 'Soporte' })).status).toBe(201);
  await sys.waitStatus('soporte', 'qr', 60_000);
  sys.sim.createContact({ phone: CARLA, name: 'Carla Núñez' });
  sys.sim.createContact({ phone: DIEGO, name: 'Diego Sanz' });

  browser = await launchBrowser();
  page = await signedInPage(browser, sys.url, sys.adminEmail, `${sys.adminPassword}-own`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

describe('a new conversation', () => {
  it('checks the number with WhatsApp, refuses one without it, and sends the first message once in the chat that opens', async () => {
    await page.goto(`${sys.url}/inbox`);
    await page.getByRole('button', { name: 'Nueva conversación' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nueva conversación' });
    await dialog.waitFor();
    // The connected session comes first; the other one says why it may not work now.
    const session = dialog.getByLabel('Desde la sesión');
    expect(await session.locator('option').allTextContents()).toEqual(['Ventas', 'Soporte (Esperando vinculación)']);
    const phone = dialog.getByLabel('Número de teléfono');
    const message = dialog.getByLabel('Mensaje');
    const send = dialog.getByRole('button', { name: 'Comprobar y enviar' });

    await phone.fill('12ab');
    await message.fill('Hola Carla, su pedido ya está listo para recoger.');
    await send.click();
    await dialog.getByText('Escribe el número con el código del país: entre 6 y 15 cifras.').waitFor();

    await phone.fill('+34 611 950 999');
    await send.click();
    await dialog.getByText('Este número no tiene WhatsApp.').waitFor();
    await check('13-new-conversation-refused');

    await session.selectOption('soporte');
    await phone.fill('+34 611 950 001');
    await send.click();
    await dialog.getByText('La sesión no está conectada a WhatsApp ahora mismo. Inténtalo cuando vuelva a estar conectada.').waitFor();

    await session.selectOption(SESSION);
    // Whoever starts it takes it, unless they untick it.
    expect(await dialog.getByLabel('Asignármela').isChecked()).toBe(true);
    const received = sys.sim.waitForReceived(CARLA, (m) => m.text === 'Hola Carla, su pedido ya está listo para recoger.', 30_000);
    await send.click();
    await received;
    await page.waitForURL(`**/inbox/${SESSION}/${encodeURIComponent(CARLA_JID)}`);
    await dialog.waitFor({ state: 'hidden' });
    const thread = page.getByRole('log', { name: /Mensajes con/ });
    await thread.getByText('Hola Carla, su pedido ya está listo para recoger.').waitFor();
    const row = page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Hola Carla, su pedido/ });
    await row.getByText('Admin', { exact: true }).waitFor();
    expect(await row.getByText('Sin asignar').count()).toBe(0);
    await check('14-new-conversation-started');
    const assigned = await sys.api<{ data: { userId: string }[] }>('GET', `/api/sessions/${SESSION}/assignments?chatId=${encodeURIComponent(CARLA_JID)}`, adminToken);
    expect(assigned.body.data).toHaveLength(1);
    await expect.poll(() => sys.sim.received(CARLA).filter((m) => m.text === 'Hola Carla, su pedido ya está listo para recoger.').length).toBe(1);
  });

  it('opens with N from the inbox and closes with Esc', async () => {
    await page.getByRole('listbox', { name: 'Conversaciones' }).focus();
    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'Nueva conversación' });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByLabel('Número de teléfono').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it("starts one with a group member from the group's details, the dialog filled in, and answers her privately from the group", async () => {
    sys.sim.createContact({ phone: EVA, name: 'Eva Ruiz' });
    const group = sys.sim.createGroup({ subject: 'Pedidos del barrio', members: [EVA, PHONE] }).jid;
    const { id } = await sys.sim.contactSendToGroup(EVA, group, { text: '¿Hacéis envíos a domicilio?' });
    await sys.waitFor((e) => e.type === 'message' && e.message.id === id);
    await page.goto(`${sys.url}/inbox/${SESSION}/${encodeURIComponent(group)}`);
    await page.getByRole('button', { name: 'Datos del grupo' }).click();
    const details = page.getByRole('dialog', { name: 'Datos de Pedidos del barrio' });
    await details.getByRole('button', { name: 'Escribirle en privado (Eva Ruiz)' }).click();

    const dialog = page.getByRole('dialog', { name: 'Nueva conversación' });
    await dialog.waitFor();
    expect([await dialog.getByLabel('Desde la sesión').inputValue(), await dialog.getByLabel('Número de teléfono').inputValue()]).toEqual([SESSION, `+${EVA}`]);
    await dialog.getByLabel('Mensaje').fill('Hola Eva, sí: le escribimos por aquí para los detalles.');
    const received = sys.sim.waitForReceived(EVA, (m) => m.text === 'Hola Eva, sí: le escribimos por aquí para los detalles.' && !m.group, 30_000);
    await dialog.getByRole('button', { name: 'Comprobar y enviar' }).click();
    await received;
    await page.waitForURL(`**/inbox/${SESSION}/${encodeURIComponent(`${EVA}@s.whatsapp.net`)}`);

    // Back in the group, *Responder en privado* on her message opens that chat, the reply quoting
    // her group message; her phone gets WhatsApp's private reply (the group message, and the group).
    await page.goto(`${sys.url}/inbox/${SESSION}/${encodeURIComponent(group)}`);
    const said = page.locator('.msg-in', { hasText: '¿Hacéis envíos a domicilio?' });
    await said.hover();
    await said.getByRole('button', { name: 'Responder en privado' }).click();
    await page.waitForURL(`**/inbox/${SESSION}/${encodeURIComponent(`${EVA}@s.whatsapp.net`)}`);
    const log = page.getByRole('log', { name: /Mensajes con/ });
    await log.getByText('Hola Eva, sí: le escribimos por aquí para los detalles.').waitFor();
    await page.locator('.composer-quote', { hasText: 'Respondiendo en privado a su mensaje en «Pedidos del barrio»:' }).getByText('¿Hacéis envíos a domicilio?').waitFor();
    const privately = sys.sim.waitForReceived(EVA, (m) => m.text === 'Los martes y jueves, sin coste.' && !m.group, 30_000);
    const composer = page.getByRole('textbox', { name: /Mensaje para/ });
    await composer.fill('Los martes y jueves, sin coste.');
    await composer.press('Enter');
    expect(await privately).toMatchObject({ quotedId: id, quotedChat: group, quotedText: '¿Hacéis envíos a domicilio?' });
    const reply = log.locator('.msg-out', { hasText: 'Los martes y jueves, sin coste.' });
    await reply.locator('.msg-quote', { hasText: 'Eva Ruiz · Pedidos del barrio' }).getByText('¿Hacéis envíos a domicilio?').waitFor();
    await check('17c-private-reply');
  });

  it('creates a WhatsApp group with several customers, says whom WhatsApp left out, and opens it', async () => {
    const GUS = '34611950004';
    sys.sim.createContact({ phone: GUS, name: 'Gus' }).groupInvitesOnly = true;
    await page.goto(`${sys.url}/inbox`);
    await page.getByRole('button', { name: 'Nueva conversación' }).click();
    await page.getByRole('dialog', { name: 'Nueva conversación' }).getByRole('button', { name: 'Nuevo grupo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nuevo grupo' });
    await dialog.getByLabel('Desde la sesión').selectOption(SESSION);
    await dialog.getByRole('textbox', { name: 'Asunto', exact: true }).fill('Pedido conjunto');
    await dialog.getByLabel('Números de teléfono').fill(`+${CARLA}, +${DIEGO}\n${GUS}`);
    await check('17d-new-group');
    await dialog.getByRole('button', { name: 'Crear grupo' }).click();

    const created = page.getByRole('dialog', { name: 'Grupo «Pedido conjunto» creado' });
    await created.getByText('WhatsApp no añadió a una persona:').waitFor();
    await created.getByText('+34611950004 solo deja que le añadan con una invitación', { exact: false }).waitFor();
    const group = [...sys.sim.groups.byId.values()].find((g) => g.subject === 'Pedido conjunto')!;
    expect([group.creator, group.members]).toEqual([PHONE, [PHONE, CARLA, DIEGO]]);
    await created.getByRole('button', { name: 'Abrir el grupo' }).click();
    await page.waitForURL(`**/inbox/${SESSION}/${encodeURIComponent(group.jid)}`);
    await page.locator('.thread-system', { hasText: 'Ventas creó el grupo «Pedido conjunto»' }).waitFor();
  });

  it("gives a salesperson the conversation they start, and refuses them a customer the session already talks to", async () => {
    const role = await sys.api('POST', '/api/roles', adminToken, { name: 'Comercial', permissions: [...BUILT_IN_ROLE_PERMISSIONS.employee, { action: 'create', subject: 'Chat' }] });
    expect(role.status).toBe(201);
    const sales = { email: 'carlos@e2e.test', password: 'Carlos-temporal-1' };
    const user = await sys.api<{ id: string }>('POST', '/api/users', adminToken, { name: 'Carlos Vega', email: sales.email, password: sales.password, role: 'Comercial' });
    expect(user.status).toBe(201);
    await sys.token(sales.email, sales.password); // replaces the temporary password
    const salesContext = await newContext(browser);
    await recordNotifications(salesContext, sys.url);
    const salesPage = await salesContext.newPage();
    await signIn(salesPage, sys.url, sales.email, `${sales.password}-own`);
    await salesPage.goto(`${sys.url}/inbox`);
    await salesPage.getByText('Para escribir tú primero a un cliente, usa «Nueva conversación» (N).', { exact: false }).waitFor();
    await salesPage.getByRole('button', { name: 'Nueva conversación' }).click();
    const dialog = salesPage.getByRole('dialog', { name: 'Nueva conversación' });
    await dialog.waitFor();
    // No assigned chat yet, and still both sessions are offered; taking the chat is not optional.
    expect(await dialog.getByLabel('Desde la sesión').locator('option').allTextContents()).toEqual(['Ventas', 'Soporte (Esperando vinculación)']);
    await dialog.getByText('La conversación quedará asignada a ti.').waitFor();
    expect(await dialog.getByLabel('Asignármela').count()).toBe(0);
    const phone = dialog.getByLabel('Número de teléfono');
    const send = dialog.getByRole('button', { name: 'Comprobar y enviar' });
    await phone.fill('+34 611 950 001');
    await dialog.getByLabel('Mensaje').fill('Hola Diego, le escribe Carlos de Ventas.');
    await send.click();
    await dialog.getByText('Esta sesión ya tiene una conversación con ese número. Pide a un supervisor que te la asigne.').waitFor();
    await checkScreen(salesPage, SHOTS, '15-new-conversation-sales', { keyboard: true });

    await phone.fill('+34 611 950 002');
    const received = sys.sim.waitForReceived(DIEGO, (m) => m.text === 'Hola Diego, le escribe Carlos de Ventas.', 30_000);
    await send.click();
    await received;
    await salesPage.waitForURL(`**/inbox/${SESSION}/${encodeURIComponent(DIEGO_JID)}`);
    await salesPage.getByRole('log', { name: /Mensajes con/ }).getByText('Hola Diego, le escribe Carlos de Ventas.').waitFor();
    const assigned = await sys.api<{ data: { userId: string }[] }>('GET', `/api/sessions/${SESSION}/assignments?chatId=${encodeURIComponent(DIEGO_JID)}`, adminToken);
    expect(assigned.body.data.map((a) => a.userId)).toEqual([user.body.id]);
    // Diego's answer reaches the salesperson's inbox.
    await sys.sim.contactSend(DIEGO, { to: PHONE, text: 'Gracias Carlos, me interesa' });
    await salesPage.getByRole('listbox', { name: 'Conversaciones' }).getByText('Gracias Carlos, me interesa').waitFor();
    expect(await salesPage.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option').count()).toBe(1);
    await expect.poll(() => sys.sim.received(DIEGO).filter((m) => m.text === 'Hola Diego, le escribe Carlos de Ventas.').length).toBe(1);
    // Taking the chat he started himself is not news to him.
    expect((await notificationsOf(salesPage)).filter((n) => n.body.startsWith('Asignada a ti'))).toEqual([]);
  });
});
