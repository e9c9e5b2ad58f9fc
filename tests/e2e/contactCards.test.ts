/// <reference lib="dom" />
/**
 * Contact cards and polls in a real browser over the real system and the WhatsApp simulator:
 * Lucía (a customer Elena answers) shares two contacts and starts a poll. Elena sees each person
 * with their number and *Enviar mensaje*, and the poll's question and options, never a raw vCard;
 * the list says *👤 …* and *📊 …*. Elena shares a contact from the reply box by typing a name and
 * a number, and Lucía's phone gets WhatsApp's contact card; she also sends Lucía a poll from the
 * reply box. Lucía's votes, in her poll and in Elena's, count live. Sofía (a supervisor) shares one picked
 * from the account's contacts, and *Enviar mensaje* on a card opens that person's chat when there
 * is one, else *Nueva conversación* with the number filled in.
 */
import { buildVCard } from '@switchboard/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, notificationsOf, recordNotifications, signedInPage, signIn } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';
import { addTeam, customerAssignedTo } from './support/team.ts';

const SHOTS = 'inbox';
const SESSION = 'tienda';
const PHONE = '34600980001';
const LUCIA = '34611980001';
const ANA = '34611980002';
const TALLER = ['BEGIN:VCARD', 'VERSION:3.0', 'N:;Taller Gómez;;;', 'FN:Taller Gómez', 'ORG:Taller Gómez S.L.', 'item1.TEL;waid=34911980003:+34 911 98 00 03', 'item1.X-ABLabel:Trabajo', 'EMAIL:citas@tallergomez.example', 'END:VCARD'].join('\n');

let sys: System;
let browser: Browser;
let elena: Page;
let sofia: Page;
let admin = '';

beforeAll(async () => {
  sys = await startSystem('e2e_contact_cards');
  admin = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(admin, { sessionId: SESSION, name: 'Tienda Centro', phone: PHONE });
  sys.sim.createContact({ phone: LUCIA, name: 'Lucía Pardo' });
  sys.sim.createContact({ phone: ANA, name: 'Ana Ruiz' });
  const team = await addTeam(sys, admin);
  await customerAssignedTo(sys, admin, { sessionId: SESSION, phone: PHONE, customer: LUCIA, text: 'Se me ha roto el coche, ¿conocéis a alguien?', userId: team.elena.id });
  await sys.sim.contactSend(ANA, { to: PHONE, text: 'Hola, soy Ana' });
  await sys.waitFor((e) => e.type === 'message' && e.message.chatId === `${ANA}@s.whatsapp.net`);

  browser = await launchBrowser();
  // Elena's window records the notifications it shows.
  const context = await newContext(browser);
  await recordNotifications(context, sys.url);
  elena = await context.newPage();
  await signIn(elena, sys.url, team.elena.email, team.elena.password);
  sofia = await signedInPage(browser, sys.url, team.sofia.email, team.sofia.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

const rowOf = (page: Page, name: RegExp) => page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name });
/** Opens one of the reply box's *Más formas de responder*. */
async function openTool(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Más formas de responder' }).click();
  await page.getByRole('menuitem', { name }).click();
}
const cardsOf = (page: Page) => page.getByRole('log').getByRole('list', { name: 'Tarjeta de contacto' });

describe('contact cards and polls', () => {
  it('shows a shared contact as people with their numbers, and a poll as its question and options', async () => {
    await elena.goto(`${sys.url}/inbox`);
    await rowOf(elena, /Lucía Pardo/).click();
    await elena.getByRole('textbox', { name: /Mensaje para Lucía Pardo/ }).waitFor();

    await sys.sim.contactSend(LUCIA, { to: PHONE, contacts: [{ displayName: 'Taller Gómez', vcard: TALLER }, { displayName: 'Ana Ruiz', vcard: buildVCard({ name: 'Ana Ruiz', phone: ANA }) }] });
    const card = cardsOf(elena).last();
    await card.getByText('Taller Gómez', { exact: true }).waitFor();
    await card.getByText('+34 911 98 00 03').waitFor();
    await card.getByText('Trabajo').waitFor();
    await card.getByText('citas@tallergomez.example').waitFor();
    await card.getByRole('button', { name: 'Enviar mensaje a Ana Ruiz (+34611980002) desde esta cuenta' }).waitFor();
    // vCard's own types in words; never the raw card.
    await card.getByText('Móvil').waitFor();
    expect(await elena.getByRole('log').getByText('BEGIN:VCARD', { exact: false }).count()).toBe(0);
    await rowOf(elena, /Lucía Pardo/).getByText('👤 Taller Gómez, Ana Ruiz').waitFor();

    const { id: pollId } = await sys.sim.contactSend(LUCIA, { to: PHONE, poll: { name: '¿Qué día os viene mejor para la revisión?', options: ['Lunes', 'Miércoles', 'Viernes'] } });
    await elena.getByRole('log').getByText('¿Qué día os viene mejor para la revisión?').waitFor();
    await elena.getByRole('log').getByText('Nadie ha votado todavía.').waitFor();
    // Her vote counts live, and changing it moves the count.
    await sys.sim.contactSend(LUCIA, { to: PHONE, pollVote: { pollId, creator: LUCIA, options: ['Lunes'] } });
    await elena.getByRole('log').getByRole('listitem', { name: 'Lunes: 1 voto (Lucía Pardo)' }).waitFor();
    await sys.sim.contactSend(LUCIA, { to: PHONE, pollVote: { pollId, creator: LUCIA, options: ['Miércoles'] } });
    // Who voted, by the name the chat knows her by, under the option.
    const wednesday = elena.getByRole('log').getByRole('listitem', { name: 'Miércoles: 1 voto (Lucía Pardo)' });
    await wednesday.waitFor();
    expect(await wednesday.innerText()).toContain('Lucía Pardo');
    await elena.getByRole('log').getByRole('listitem', { name: 'Lunes: 0 votos' }).waitFor();
    await elena.getByRole('log').getByText('Ha votado 1 persona.').waitFor();
    await rowOf(elena, /Lucía Pardo/).getByText('📊 ¿Qué día os viene mejor para la revisión?').waitFor();
    await checkScreen(elena, SHOTS, '31a-contact-card-poll');
  });

  it('shares a typed contact from the reply box: the number is checked, and the customer gets a card', async () => {
    await openTool(elena, 'Compartir contacto');
    const dialog = elena.getByRole('dialog', { name: 'Compartir contacto' });
    await dialog.getByText('Lucía Pardo recibirá una tarjeta de contacto', { exact: false }).waitFor();
    await dialog.getByLabel('Nombre', { exact: true }).fill('Grúas Martín');
    await dialog.getByLabel('Número de WhatsApp').fill('911 98');
    await dialog.getByRole('button', { name: 'Enviar contacto' }).click();
    await dialog.getByText('Escribe un número con el prefijo del país (de 6 a 15 cifras).').waitFor();
    await dialog.getByLabel('Número de WhatsApp').fill('+34 622 98 00 04');
    expect(await dialog.getByText('Escribe un número con el prefijo del país', { exact: false }).count()).toBe(0);
    await checkScreen(elena, SHOTS, '31b-share-contact');
    await dialog.getByRole('button', { name: 'Enviar contacto' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const got = await sys.sim.waitForReceived(LUCIA, (m) => m.kind === 'contact', 30_000);
    expect(got.contacts).toEqual([{ displayName: 'Grúas Martín', vcard: buildVCard({ name: 'Grúas Martín', phone: '34622980004' }) }]);
    // Our card in the thread, sent.
    const ours = elena.locator('.msg-out').filter({ has: elena.getByText('Grúas Martín', { exact: true }) });
    await ours.getByText('+34622980004').waitFor();
    await rowOf(elena, /Lucía Pardo/).getByText('👤 Grúas Martín').waitFor();

    // Elena may neither read the garage's chat (there is none) nor start one: she is told whom to ask.
    await cardsOf(elena).first().getByRole('button', { name: /^Enviar mensaje a Taller Gómez/ }).click();
    await elena.getByText('No tienes una conversación con Taller Gómez: pide a un supervisor que te la asigne.').waitFor();
  });

  it('creates a poll from the reply box: the customer gets it, and her vote counts in the thread', async () => {
    await openTool(elena, 'Crear encuesta');
    const dialog = elena.getByRole('dialog', { name: 'Crear encuesta' });
    await dialog.getByLabel('Pregunta').fill('¿Cuándo os viene mejor la entrega?');
    await dialog.getByLabel('Opción 1', { exact: true }).fill('Por la mañana');
    await dialog.getByLabel('Opción 2', { exact: true }).fill('por la mañana');
    await dialog.getByRole('button', { name: 'Enviar encuesta' }).click();
    await dialog.getByText('Hay dos opciones iguales: cada opción debe ser distinta.').waitFor();
    await dialog.getByLabel('Opción 2', { exact: true }).fill('Por la tarde');
    await dialog.getByRole('button', { name: 'Añadir opción' }).click();
    await dialog.getByLabel('Opción 3', { exact: true }).fill('Me da igual');
    await checkScreen(elena, SHOTS, '31d-new-poll');
    await dialog.getByRole('button', { name: 'Enviar encuesta' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const got = await sys.sim.waitForReceived(LUCIA, (m) => m.kind === 'poll', 30_000);
    expect(got.poll).toEqual({ name: '¿Cuándo os viene mejor la entrega?', options: ['Por la mañana', 'Por la tarde', 'Me da igual'], selectableCount: 1 });
    const ours = elena.locator('.msg-out').filter({ has: elena.getByText('¿Cuándo os viene mejor la entrega?') });
    await ours.getByText('Nadie ha votado todavía.').waitFor();
    // Sent (WhatsApp has it and the key of its votes), then Lucía answers with a tap.
    await expect.poll(async () => (await sys.api('GET', `/api/sessions/${SESSION}/messages?chatId=${LUCIA}@s.whatsapp.net&limit=1`, admin)).body.data[0]?.status).not.toBe('pending');
    await sys.sim.contactSend(LUCIA, { to: PHONE, pollVote: { pollId: got.id, creator: PHONE, options: ['Por la tarde'] } });
    await ours.getByRole('listitem', { name: 'Por la tarde: 1 voto (Lucía Pardo)' }).waitFor();
    await rowOf(elena, /Lucía Pardo/).getByText('📊 ¿Cuándo os viene mejor la entrega?').waitFor();
  });

  it('sends a place from a pasted map link, and offers it again next time', async () => {
    await openTool(elena, 'Enviar ubicación');
    const dialog = elena.getByRole('dialog', { name: 'Enviar ubicación' });
    const link = dialog.getByLabel('Enlace del mapa o coordenadas');
    await link.fill('https://maps.app.goo.gl/AbCdEf123');
    await dialog.getByRole('button', { name: 'Enviar ubicación' }).click();
    await dialog.getByText('Los enlaces cortos (maps.app.goo.gl) no dicen el lugar', { exact: false }).waitFor();
    await link.fill('https://www.google.com/maps/place/Tienda/@40.4300,-3.7000,17z/data=!3m1!4b1!4m6!3m5!8m2!3d40.4312!4d-3.7035');
    await dialog.getByText('Lugar: 40.43120, -3.70350').waitFor();
    await dialog.getByLabel('Nombre del lugar (opcional)').fill('Tienda Centro');
    await checkScreen(elena, SHOTS, '31e-send-location');
    await dialog.getByRole('button', { name: 'Enviar ubicación' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const got = await sys.sim.waitForReceived(LUCIA, (m) => m.kind === 'location', 30_000);
    expect(got.location).toEqual({ latitude: 40.4312, longitude: -3.7035, name: 'Tienda Centro' });
    await elena.locator('.msg-out').filter({ hasText: 'Tienda Centro' }).getByRole('link', { name: 'Abrir en el mapa' }).waitFor();

    // Next time the shop's place is one click away.
    await openTool(elena, 'Enviar ubicación');
    await dialog.getByRole('group', { name: 'Enviadas antes:' }).getByRole('button', { name: 'Tienda Centro' }).click();
    await expect.poll(() => link.inputValue()).toBe('40.4312, -3.7035');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
  });

  it("shares one of the account's contacts, and a card's *Enviar mensaje* opens that person's chat or starts one", async () => {
    await sofia.goto(`${sys.url}/inbox`);
    await sofia.getByRole('radio', { name: 'Todas' }).click();
    await rowOf(sofia, /Lucía Pardo/).click();
    await sofia.getByRole('textbox', { name: /Mensaje para Lucía Pardo/ }).waitFor();
    await openTool(sofia, 'Compartir contacto');
    const dialog = sofia.getByRole('dialog', { name: 'Compartir contacto' });
    await dialog.getByRole('searchbox', { name: 'Buscar entre los contactos de Tienda Centro' }).fill('Ana');
    await dialog.getByRole('list', { name: 'Buscar entre los contactos de Tienda Centro' }).getByRole('button', { name: /Ana Ruiz/ }).click();
    await expect.poll(() => dialog.getByLabel('Número de WhatsApp').inputValue()).toBe(`+${ANA}`);
    expect(await dialog.getByLabel('Nombre', { exact: true }).inputValue()).toBe('Ana Ruiz');
    expect(await dialog.getByRole('button', { name: /Ana Ruiz/, pressed: true }).count()).toBe(1);
    await checkScreen(sofia, SHOTS, '31c-share-picked');
    await dialog.getByRole('button', { name: 'Enviar contacto' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const got = await sys.sim.waitForReceived(LUCIA, (m) => m.kind === 'contact' && m.contacts?.[0]?.displayName === 'Ana Ruiz', 30_000);
    expect(got.contacts?.[0]?.vcard).toContain(`waid=${ANA}:+${ANA}`);

    // Ana already writes to the account: her chat opens.
    const shared = cardsOf(sofia).filter({ has: sofia.getByText('Taller Gómez', { exact: true }) });
    await shared.getByRole('button', { name: /^Enviar mensaje a Ana Ruiz/ }).click();
    await sofia.waitForURL((u) => u.pathname === `/inbox/${SESSION}/${ANA}%40s.whatsapp.net` || u.pathname === `/inbox/${SESSION}/${ANA}@s.whatsapp.net`);
    await sofia.getByRole('textbox', { name: /Mensaje para Ana Ruiz/ }).waitFor();

    // The garage never wrote: *Nueva conversación* opens with its number and this account.
    await rowOf(sofia, /Lucía Pardo/).click();
    await shared.getByRole('button', { name: /^Enviar mensaje a Taller Gómez/ }).click();
    const start = sofia.getByRole('dialog', { name: 'Nueva conversación' });
    await expect.poll(() => start.getByLabel('Número de teléfono').inputValue()).toBe('+34911980003');
  });

  it('tells of a poll once, however many votes it gets', async () => {
    await elena.goto(`${sys.url}/inbox`);
    await rowOf(elena, /Lucía Pardo/).waitFor();
    const before = (await notificationsOf(elena)).length;
    const { id } = await sys.sim.contactSend(LUCIA, { to: PHONE, poll: { name: '¿Os viene bien el sábado?', options: ['Sí', 'No'] } });
    await sys.sim.contactSend(LUCIA, { to: PHONE, pollVote: { pollId: id, creator: LUCIA, options: ['Sí'] } });
    await sys.sim.contactSend(LUCIA, { to: PHONE, pollVote: { pollId: id, creator: LUCIA, options: ['No'] } });
    // Announced after the votes' copies of the poll: once it is told, they have been seen.
    await sys.sim.contactSend(LUCIA, { to: PHONE, text: 'Ya he votado' });
    await expect.poll(async () => (await notificationsOf(elena)).slice(before).map((n) => n.body)).toEqual(['📊 ¿Os viene bien el sábado?', 'Ya he votado']);
  });
});
