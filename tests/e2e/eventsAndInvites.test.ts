/// <reference lib="dom" />
/**
 * WhatsApp events and group invitations in a real browser over the real system and the WhatsApp
 * simulator: Lucía (a customer Elena answers) books a fitting as a WhatsApp event. Elena sees its
 * name, day and hours in her zone, the shop as its place with a map, and the description, and
 * *Añadir al calendario* downloads a calendar file with it; the list says *📅 …*; when Lucía
 * answers that she will come, with a guest, the card counts her. A cancelled
 * video call shows as cancelled, with its link and nothing to add. Elena sends Lucía a pick-up
 * as an event (*Crear evento*): Lucía gets its day and place, and her *Asistiré* counts; Elena
 * moves it to the next morning (*Cambiar evento*), then cancels it, and Lucía gets each. Lucía then invites the account
 * to her neighbours' group: Elena sees the group, the invitation's words, until when it can be
 * accepted and how, never "unsupported"; and a tapped button arrives as its words. Sofía (a
 * supervisor, who may start conversations) joins a group from an invitation: the account is
 * added and the group's chat opens; the invitation then says so and offers *Abrir el grupo*; in
 * the group, Marta's dinner counts Lucía's *Quizá*, named as the group's members are.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';
import { addTeam, customerAssignedTo } from './support/team.ts';

const SHOTS = 'inbox';
const SESSION = 'tienda';
const PHONE = '34600990001';
const LUCIA = '34611990001';
const MARTA = '34611990002';

let sys: System;
let browser: Browser;
let elena: Page;
let sofia: Page;
let admin = '';

beforeAll(async () => {
  sys = await startSystem('e2e_events_invites');
  admin = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(admin, { sessionId: SESSION, name: 'Tienda Centro', phone: PHONE });
  sys.sim.createContact({ phone: LUCIA, name: 'Lucía Pardo' });
  const team = await addTeam(sys, admin);
  await customerAssignedTo(sys, admin, { sessionId: SESSION, phone: PHONE, customer: LUCIA, text: '¿Cuándo puedo ir a probarme el vestido?', userId: team.elena.id });
  browser = await launchBrowser();
  elena = await signedInPage(browser, sys.url, team.elena.email, team.elena.password);
  sofia = await signedInPage(browser, sys.url, team.sofia.email, team.sofia.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

const rowOf = (page: Page, name: RegExp) => page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name });
const thread = (page: Page) => page.getByRole('log');

describe('events and group invitations', () => {
  it('shows an event with its day, hours, place and description, and adds it to a calendar', async () => {
    await elena.goto(`${sys.url}/inbox`);
    await rowOf(elena, /Lucía Pardo/).click();
    await elena.getByRole('textbox', { name: /Mensaje para Lucía Pardo/ }).waitFor();

    const startAt = Date.parse('2030-06-14T17:00:00Z');
    const { id: eventId } = await sys.sim.contactSend(LUCIA, {
      to: PHONE,
      event: { name: 'Prueba del vestido', description: 'Llevaré los zapatos de la boda', startAt, endAt: startAt + 90 * 60_000, place: { name: 'Tienda Centro', address: 'Calle Mayor 3, Madrid', latitude: 40.4168, longitude: -3.7038 } },
    });
    const card = thread(elena).getByLabel('Evento').last();
    await card.getByText('Prueba del vestido').waitFor();
    // Her zone (Madrid), the year because it is not this one.
    await card.getByText(/^viernes, 14 de junio de 2030, 19:00\s*–\s*20:30$/).waitFor();
    await card.getByText('Tienda Centro · Calle Mayor 3, Madrid', { exact: false }).waitFor();
    expect(await card.getByRole('link', { name: 'Abrir en el mapa' }).getAttribute('href')).toContain('mlat=40.4168');
    await card.getByText('Llevaré los zapatos de la boda').waitFor();
    expect(await thread(elena).getByText('Este tipo de mensaje no se puede mostrar aquí', { exact: false }).count()).toBe(0);
    await rowOf(elena, /Lucía Pardo/).getByText('📅 Prueba del vestido').waitFor();

    const [download] = await Promise.all([elena.waitForEvent('download'), card.getByRole('button', { name: 'Añadir al calendario' }).click()]);
    expect(download.suggestedFilename()).toBe('Prueba-del-vestido.ics');
    const ics = await readFile((await download.path())!, 'utf8');
    expect(ics).toContain('SUMMARY:Prueba del vestido\r\n');
    expect(ics).toContain('DTSTART:20300614T170000Z\r\n');
    expect(ics).toContain('DTEND:20300614T183000Z\r\n');
    expect(ics).toContain('LOCATION:Tienda Centro\\, Calle Mayor 3\\, Madrid\r\n');

    // Lucía answers *Asistiré*, bringing someone along: the card counts her, live.
    // Her own event in her chat waits for nobody but the account: no "nobody yet" line.
    expect(await card.getByText('Nadie ha respondido todavía.').count()).toBe(0);
    await sys.sim.contactSend(LUCIA, { to: PHONE, eventResponse: { eventId, creator: LUCIA, answer: 'going', extraGuests: 1 } });
    await card.getByLabel('Asistirán: 1, +1 acompañante (Lucía Pardo (+1))').waitFor();
    await checkScreen(elena, SHOTS, '32a-event');
  });

  it('shows a cancelled video call as cancelled, with its link and nothing to add', async () => {
    await sys.sim.contactSend(LUCIA, { to: PHONE, event: { name: 'Videollamada para el arreglo', startAt: Date.parse('2030-06-15T08:00:00Z'), joinLink: 'https://call.whatsapp.com/video/AbCdEf', canceled: true } });
    const card = thread(elena).getByLabel('Evento').last();
    await card.getByText('Videollamada para el arreglo').waitFor();
    await card.getByText('Cancelado', { exact: true }).waitFor();
    expect(await card.getByRole('link', { name: 'Enlace de la llamada' }).getAttribute('href')).toBe('https://call.whatsapp.com/video/AbCdEf');
    expect(await card.getByRole('button', { name: 'Añadir al calendario' }).count()).toBe(0);
  });

  it("sends Lucía an event from the reply box: she gets it with its day and place, and her answer counts", async () => {
    await elena.getByRole('button', { name: 'Más formas de responder' }).click();
    await elena.getByRole('menuitem', { name: 'Crear evento' }).click();
    const dialog = elena.getByRole('dialog', { name: 'Crear evento' });
    await dialog.getByLabel('Nombre').fill('Recogida del pedido');
    await dialog.getByLabel('Día').fill('2020-06-21');
    await dialog.getByLabel('Empieza').fill('17:00');
    await dialog.getByLabel('Termina').fill('17:30');
    await dialog.getByLabel('Lugar (opcional)').fill('Tienda Centro');
    await dialog.getByRole('button', { name: 'Enviar evento' }).click();
    await dialog.getByText('Esa fecha ya pasó: elige una futura.').waitFor();
    await dialog.getByLabel('Día').fill('2030-06-21');
    await dialog.getByLabel('Detalles (opcional)').fill('Trae el ticket');
    await checkScreen(elena, SHOTS, '32d-new-event');
    await dialog.getByRole('button', { name: 'Enviar evento' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Madrid in June is UTC+2: 17:00 there is 15:00 UTC.
    const got = await sys.sim.waitForReceived(LUCIA, (m) => m.kind === 'event', 30_000);
    const startAt = Date.parse('2030-06-21T15:00:00Z');
    expect(got.event).toEqual({ name: 'Recogida del pedido', description: 'Trae el ticket', startAt, endAt: startAt + 30 * 60_000, place: { name: 'Tienda Centro' }, extraGuestsAllowed: true });
    const ours = thread(elena).locator('.msg-out').getByLabel('Evento').filter({ hasText: 'Recogida del pedido' });
    await ours.getByText(/^viernes, 21 de junio de 2030, 17:00\s*–\s*17:30$/).waitFor();
    await ours.getByText('Nadie ha respondido todavía.').waitFor();
    // Sent (WhatsApp has it and the key of its answers), then Lucía answers with a tap.
    const statusOf = async () => ((await sys.api('GET', `/api/sessions/${SESSION}/messages?chatId=${LUCIA}@s.whatsapp.net&limit=5`, admin)).body.data as { id: string; status: string }[]).find((m) => m.id === got.id)?.status;
    await expect.poll(statusOf).not.toBe('pending');
    await sys.sim.contactSend(LUCIA, { to: PHONE, eventResponse: { eventId: got.id, creator: PHONE, answer: 'going' } });
    await ours.getByLabel('Asistirán: 1 (Lucía Pardo)').waitFor();
  });

  it('moves the pick-up to another day from the event, then cancels it: Lucía gets each, and the card follows', async () => {
    const sent = thread(elena).locator('.msg-out[data-id]', { hasText: 'Recogida del pedido' });
    const id = (await sent.getAttribute('data-id')) ?? '';
    await sent.hover();
    await sent.getByRole('button', { name: 'Editar' }).click();
    const dialog = elena.getByRole('dialog', { name: 'Cambiar evento' });
    // The form holds the event as sent; saving it unchanged says so.
    expect(await dialog.getByLabel('Nombre').inputValue()).toBe('Recogida del pedido');
    expect(await dialog.getByLabel('Empieza').inputValue()).toBe('17:00');
    await dialog.getByRole('button', { name: 'Guardar cambios' }).click();
    await dialog.getByText('No has cambiado nada.').waitFor();
    await dialog.getByLabel('Día').fill('2030-06-22');
    await dialog.getByLabel('Empieza').fill('11:00');
    await dialog.getByLabel('Termina').fill('11:30');
    await checkScreen(elena, SHOTS, '32e-change-event');
    await dialog.getByRole('button', { name: 'Guardar cambios' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Madrid in June is UTC+2: 11:00 there is 09:00 UTC. The place and description stay.
    const moved = await sys.sim.waitForReceived(LUCIA, (m) => m.kind === 'edit' && m.targetId === id, 30_000);
    const startAt = Date.parse('2030-06-22T09:00:00Z');
    expect(moved.event).toEqual({ name: 'Recogida del pedido', description: 'Trae el ticket', startAt, endAt: startAt + 30 * 60_000, place: { name: 'Tienda Centro' }, extraGuestsAllowed: true });
    const card = sent.getByLabel('Evento');
    await card.getByText(/^sábado, 22 de junio de 2030, 11:00\s*–\s*11:30$/).waitFor();
    await card.getByLabel('Asistirán: 1 (Lucía Pardo)').waitFor();

    await sent.hover();
    await sent.getByRole('button', { name: 'Editar' }).click();
    await dialog.getByRole('button', { name: 'Cancelar evento' }).click();
    const asking = elena.getByRole('dialog', { name: 'Cancelar evento' });
    await asking.getByText('Lucía Pardo lo verá cancelado en su WhatsApp. No se puede deshacer.').waitFor();
    await checkScreen(elena, SHOTS, '32f-cancel-event');
    await asking.getByRole('button', { name: 'Sí, cancelar evento' }).click();
    await asking.waitFor({ state: 'hidden' });
    const canceled = await sys.sim.waitForReceived(LUCIA, (m) => m.kind === 'edit' && m.targetId === id && m.event?.canceled === true, 30_000);
    expect(canceled.event).toMatchObject({ name: 'Recogida del pedido', startAt });
    await card.getByText('Cancelado').waitFor();
    await checkScreen(elena, SHOTS, '32g-event-cancelled');
    // A cancelled event takes no more changes: nothing to edit on it.
    await sent.hover();
    expect(await sent.getByRole('button', { name: 'Editar' }).count()).toBe(0);
  });

  it('shows an invitation to a group with its words, until when it can be accepted and how; a tapped button as its words', async () => {
    const expiresAt = Date.parse('2030-06-17T10:00:00Z');
    await sys.sim.contactSend(LUCIA, { to: PHONE, groupInvite: { groupJid: '120363000000990001@g.us', groupName: 'Vecinos de Chamberí', expiresAt, caption: 'Os añado al grupo del barrio para los pedidos' } });
    const card = thread(elena).getByLabel('Invitación a un grupo').last();
    await card.getByText('Vecinos de Chamberí', { exact: true }).waitFor();
    await card.getByText('Invitación al grupo de WhatsApp').waitFor();
    await card.getByText('Os añado al grupo del barrio para los pedidos').waitFor();
    await card.getByText('Se puede aceptar hasta el 17 jun 2030, 12:00.').waitFor();
    // Elena may not start conversations: she is told how, with no button.
    await card.getByText('Para unirse, hay que aceptarla en el teléfono de la cuenta', { exact: false }).waitFor();
    expect(await card.getByRole('button', { name: 'Unirse al grupo' }).count()).toBe(0);
    await rowOf(elena, /Lucía Pardo/).getByText('👥 Vecinos de Chamberí').waitFor();
    await checkScreen(elena, SHOTS, '32b-group-invite');

    await sys.sim.contactSend(LUCIA, { to: PHONE, buttonReply: { text: 'Sí, confirmo la cita', id: 'yes' } });
    await thread(elena).getByText('Sí, confirmo la cita', { exact: true }).waitFor();
    expect(await thread(elena).getByText('Este tipo de mensaje no se puede mostrar aquí', { exact: false }).count()).toBe(0);
  });

  it('joins a group from an invitation: the account is added, the group opens, and the invitation says so', async () => {
    const group = sys.sim.createGroup({ subject: 'Clientas VIP', members: [LUCIA], creator: LUCIA });
    await sys.sim.contactSend(LUCIA, { to: PHONE, groupInvite: { groupJid: group.jid, groupName: 'Clientas VIP', caption: 'Te añado al grupo de clientas' } });
    await sofia.goto(`${sys.url}/inbox`);
    await rowOf(sofia, /^Lucía Pardo/).click();
    const card = thread(sofia).getByLabel('Invitación a un grupo').filter({ hasText: 'Clientas VIP' });
    await card.getByRole('button', { name: 'Unirse al grupo' }).click();
    await sofia.getByText('La cuenta se ha unido a Clientas VIP.').waitFor();
    // Elena, who has Lucía's chat open, sees it live: no button for her, just that it was joined.
    const elenas = thread(elena).getByLabel('Invitación a un grupo').filter({ hasText: 'Clientas VIP' });
    await elenas.getByText('La cuenta se unió al grupo con esta invitación.').waitFor();
    expect(await elenas.getByRole('button').count()).toBe(0);
    // The group's chat opens, with the notice that the account was added.
    await sofia.waitForURL((u) => decodeURIComponent(u.pathname).endsWith(group.jid));
    await sofia.getByRole('heading', { name: 'Clientas VIP' }).waitFor();
    expect(sys.sim.group(group.jid).members).toContain(PHONE);

    await rowOf(sofia, /^Lucía Pardo/).click();
    const again = thread(sofia).getByLabel('Invitación a un grupo').filter({ hasText: 'Clientas VIP' });
    await again.getByText('La cuenta se unió al grupo con esta invitación.').waitFor();
    await again.getByRole('button', { name: 'Abrir el grupo' }).waitFor();
    await checkScreen(sofia, SHOTS, '32c-group-invite-joined');

    // In the group, Marta plans a dinner: Sofía sees who is coming as they answer. Lucía never
    // wrote in the group: she is named as the group's members are (her chat's name).
    sys.sim.createContact({ phone: MARTA, name: 'Marta' });
    sys.sim.addToGroup(group.jid, [MARTA]);
    await again.getByRole('button', { name: 'Abrir el grupo' }).click();
    await sofia.getByRole('heading', { name: 'Clientas VIP' }).waitFor();
    const { id: dinnerId } = await sys.sim.contactSendToGroup(MARTA, group.jid, { event: { name: 'Cena de clientas', startAt: Date.parse('2030-06-20T19:00:00Z') } });
    const dinner = thread(sofia).getByLabel('Evento').filter({ hasText: 'Cena de clientas' });
    await dinner.getByText('Nadie ha respondido todavía.').waitFor();
    await sys.sim.contactSendToGroup(LUCIA, group.jid, { eventResponse: { eventId: dinnerId, creator: MARTA, answer: 'maybe' } });
    await dinner.getByLabel('Quizá: 1 (Lucía Pardo)').waitFor();
    expect(await dinner.getByText('Nadie ha respondido todavía.').count()).toBe(0);
  });
});
