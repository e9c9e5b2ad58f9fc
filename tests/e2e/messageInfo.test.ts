/// <reference lib="dom" />
/**
 * *Información del mensaje* in a real browser over the real system and the WhatsApp simulator:
 * Elena replies; the info of her reply says she sent it, when, and that it was delivered but is
 * not read yet; when the customer's phone reads it, the open dialog fills the time in, live. The
 * reply box's emoji picker finds an emoji by its Spanish name, with the keyboard, and remembers it;
 * `:pulgar` offers it as it is typed, at the end of the text or in its middle. In a group, the
 * info of her reply lists who has read it and who has only received it, live, and it reads as
 * read only once every member has read it. *Datos del grupo* shows the group's description and
 * its members as WhatsApp has them, and opens a member's own chat; a member's message that
 * mentions people shows them by name, `@` in her reply mentions a member as WhatsApp does, and
 * a reply scheduled for later mentions the same way, and someone added to the group shows as a
 * line of its own. Sofía, a supervisor, administers the
 * group from the same dialog once the account is a group admin: adds members (one lets only an
 * invitation add him: the group's link is there to send him), makes one an admin, removes
 * another, renames it and changes its description, lets only admins send, answers those who
 * asked to join with the link (one declined, the others approved at once), and finally takes the
 * account out of it; WhatsApp's members get each change and the thread and the list show it.
 * While the group lets only admins send and the account is not one, or once it has left, the
 * reply tab says so instead of offering the box.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, notificationsOf, recordNotifications, signedInPage, signIn } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';
import { addTeam, customerAssignedTo, type Member } from './support/team.ts';
import { requestToJoin } from '@switchboard/wa-sim';

const SESSION = 'tienda';
const PHONE = '34600998001';
const CARLA = '34611998003';
const DIEGO = '34611998004';
const EVA = '34611998005';

let sys: System;
let browser: Browser;
let elena: Page;
let team: Record<'elena' | 'sofia', Member>;
let admin = '';

beforeAll(async () => {
  sys = await startSystem('e2e_message_info');
  admin = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(admin, { sessionId: SESSION, name: 'Tienda Centro', phone: PHONE });
  team = await addTeam(sys, admin);
  sys.sim.createContact({ phone: CARLA, name: 'Carla Vidal' });
  await customerAssignedTo(sys, admin, { sessionId: SESSION, phone: PHONE, customer: CARLA, text: '¿Habéis recibido mi pedido?', userId: team.elena.id });
  browser = await launchBrowser();
  elena = await signedInPage(browser, sys.url, team.elena.email, team.elena.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

describe('message info', () => {
  it('says who sent a reply and when it was delivered and read, live', async () => {
    await elena.goto(`${sys.url}/inbox`);
    await elena.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Carla Vidal/ }).click();
    const composer = elena.getByRole('textbox', { name: /Mensaje para Carla Vidal/ });
    await composer.fill('Sí, sale mañana por la mañana.');
    await composer.press('Enter');
    const got = await sys.sim.waitForReceived(CARLA, (m) => m.text === 'Sí, sale mañana por la mañana.', 30_000);
    const reply = elena.locator('.msg-out', { hasText: 'Sí, sale mañana por la mañana.' });
    // Delivered (the phone's automatic receipt): two ticks.
    await reply.locator('[data-status="delivered"]').waitFor();

    await reply.hover();
    await reply.getByRole('button', { name: 'Información del mensaje' }).click();
    const dialog = elena.getByRole('dialog', { name: 'Información del mensaje' });
    const line = (label: string) => dialog.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
    expect(await line('Enviado por').textContent()).toBe('Elena Ruiz');
    expect(await line('Entregado').textContent()).toMatch(/\d{1,2}:\d{2}/);
    expect(await line('Leído').textContent()).toBe('Todavía no');
    // A text has nothing to play.
    expect(await dialog.getByText('Escuchado').count()).toBe(0);

    await sys.sim.sendReceipt(CARLA, got.id, 'read');
    await expect.poll(() => line('Leído').textContent()).toMatch(/\d{1,2}:\d{2}/);
    await checkScreen(elena, 'inbox', '27-message-info');
  });

  it('finds an emoji by its Spanish name, puts it where the caret is, and offers it first next time', async () => {
    await elena.keyboard.press('Escape');
    await elena.getByRole('dialog', { name: 'Información del mensaje' }).waitFor({ state: 'detached' });
    const composer = elena.getByRole('textbox', { name: /Mensaje para Carla Vidal/ });
    await composer.fill('Gracias  Carla');
    await composer.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(8, 8));
    await elena.getByRole('button', { name: 'Insertar emoji' }).click();
    const picker = elena.getByRole('dialog', { name: 'Insertar emoji' });
    const search = picker.getByRole('searchbox', { name: 'Buscar emoji' });
    // Typing searches at once: the search has the focus.
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await elena.keyboard.type('gracias');
    const hands = picker.getByRole('group', { name: 'Emojis para «gracias»' }).getByRole('button', { name: 'manos en oración' });
    await hands.waitFor();
    await hands.hover();
    await picker.locator('.emoji-footer').getByText('manos en oración').waitFor();
    await checkScreen(elena, 'inbox', '28-emoji-search');
    // Down to the grid, Enter picks the one under the cursor.
    await search.press('ArrowDown');
    const first = await picker.getByRole('group').getByRole('button').first().getAttribute('aria-label');
    expect(first).toBe('manos en oración');
    await elena.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    expect(await composer.inputValue()).toBe('Gracias 🙏 Carla');

    // The categories, by tab and arrow keys; the first tab starts with the latest pick.
    await elena.getByRole('button', { name: 'Insertar emoji' }).click();
    const frequent = picker.getByRole('group', { name: 'Frecuentes' });
    expect(await frequent.getByRole('button').first().getAttribute('aria-label')).toBe('manos en oración');
    await picker.getByRole('tab', { name: 'Comida y bebida' }).click();
    await picker.getByRole('group', { name: 'Comida y bebida' }).getByRole('button', { name: 'pizza' }).waitFor();
    await picker.getByRole('tab', { name: 'Comida y bebida' }).press('ArrowRight');
    await picker.getByRole('group', { name: 'Viajes y lugares' }).waitFor();
    expect(await picker.getByRole('tab', { name: 'Viajes y lugares' }).getAttribute('aria-selected')).toBe('true');
    await checkScreen(elena, 'inbox', '29-emoji-categories', { keyboard: true });
    // A skin tone, remembered for the emoji that have one.
    await picker.getByRole('button', { name: 'Tono de piel: amarillo (predeterminado)' }).click();
    await checkScreen(elena, 'inbox', '29b-emoji-tones');
    await picker.getByRole('radiogroup', { name: 'Tono de piel' }).getByRole('radio', { name: 'medio', exact: true }).click();
    await picker.getByRole('button', { name: 'Tono de piel: medio' }).waitFor();
    await picker.getByRole('tab', { name: 'Personas y gestos' }).click();
    await picker.getByRole('group', { name: 'Personas y gestos' }).getByRole('button', { name: 'pulgar hacia arriba' }).getByText('👍🏽').waitFor();
    await search.press('Escape');
    await picker.waitFor({ state: 'detached' });
    // A click elsewhere closes it too.
    await elena.getByRole('button', { name: 'Insertar emoji' }).click();
    await picker.waitFor();
    await elena.locator('.msg-in').first().click();
    await picker.waitFor({ state: 'detached' });

    // `:` and a name offer the emoji as it is typed; Enter takes it; "9:30" offers nothing.
    await composer.press('End');
    await composer.pressSequentially(', a las 9:30 :pulgar');
    const offered = elena.getByRole('listbox', { name: 'Emojis con ese nombre' });
    await offered.getByRole('option', { name: /pulgar hacia arriba/ }).waitFor();
    expect(await offered.getByRole('option').first().getAttribute('aria-selected')).toBe('true');
    await checkScreen(elena, 'inbox', '30-emoji-shortcut');
    await composer.press('Enter');
    await offered.waitFor({ state: 'detached' });
    expect(await composer.inputValue()).toBe('Gracias 🙏 Carla, a las 9:30 👍🏽');

    // With the caret in the middle of the text, the word typed there is offered too, and the rest stays.
    await composer.press('Home');
    for (let i = 0; i < 15; i++) await composer.press('ArrowRight'); // past "Gracias 🙏 Carla" (15 characters as one sees them)
    await composer.pressSequentially(' :fuego');
    await offered.getByRole('option', { name: /fuego$/ }).click();
    await offered.waitFor({ state: 'detached' });
    expect(await composer.inputValue()).toBe('Gracias 🙏 Carla 🔥, a las 9:30 👍🏽');
    expect(await composer.evaluate((el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart))).toBe('Gracias 🙏 Carla 🔥');

    await composer.press('Enter');
    await sys.sim.waitForReceived(CARLA, (m) => m.text === 'Gracias 🙏 Carla 🔥, a las 9:30 👍🏽', 30_000);
  });

  it('lists who in a group has read a reply and who has only received it, live', async () => {
    sys.sim.createContact({ phone: DIEGO, name: 'Diego Pardo' });
    const group = sys.sim.createGroup({ subject: 'Vecinos del barrio', members: [CARLA, DIEGO, PHONE], description: 'Avisos de la tienda para el barrio. *Sábados de 10 a 14.*' }).jid;
    await sys.sim.contactSendToGroup(DIEGO, group, { text: '¿Abrís el sábado?' });
    await sys.waitFor((e) => e.type === 'message' && e.message.chatId === group);
    expect((await sys.api('POST', `/api/sessions/${SESSION}/assignments`, admin, { chatId: group, userId: team.elena.id })).status).toBe(201);

    await elena.goto(`${sys.url}/inbox`);
    await elena.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Vecinos del barrio/ }).click();
    const composer = elena.getByRole('textbox', { name: /Mensaje para Vecinos del barrio/ });
    await composer.fill('Sí, de 10 a 14.');
    await composer.press('Enter');
    const got = await sys.sim.waitForReceived(CARLA, (m) => m.text === 'Sí, de 10 a 14.', 30_000);
    await sys.sim.waitForReceived(DIEGO, (m) => m.id === got.id, 30_000);
    const reply = elena.locator('.msg-out', { hasText: 'Sí, de 10 a 14.' });
    await reply.locator('[data-status="delivered"]').waitFor();

    await reply.hover();
    await reply.getByRole('button', { name: 'Información del mensaje' }).click();
    const dialog = elena.getByRole('dialog', { name: 'Información del mensaje' });
    const readBy = (n: number) => dialog.getByRole('region', { name: `Leído por (${n})` });
    const deliveredTo = (n: number) => dialog.getByRole('region', { name: `Entregado a (${n})` });
    // Both phones said delivered (their automatic receipts); nobody has read it. Carla is named
    // by her chat, Diego by what he calls himself in the group.
    await readBy(0).getByText('Nadie lo ha leído todavía.').waitFor();
    await deliveredTo(2).getByText('Carla Vidal').waitFor();
    await deliveredTo(2).getByText('Diego Pardo').waitFor();
    // Per member, not the message's own lines.
    expect(await dialog.locator('dt', { hasText: /^Leído$/ }).count()).toBe(0);

    await sys.sim.sendReceipt(CARLA, got.id, 'read');
    await readBy(1).getByText('Carla Vidal').waitFor();
    expect(await deliveredTo(1).getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^Diego Pardo.*\d{1,2}:\d{2}/)]);
    await checkScreen(elena, 'inbox', '27b-group-message-info');
    // The ticks are WhatsApp's: read only once every member has read it.
    expect(await reply.locator('[data-status="delivered"]').count()).toBe(1);
    await sys.sim.sendReceipt(DIEGO, got.id, 'read');
    await readBy(2).getByText('Diego Pardo').waitFor();
    await reply.locator('[data-status="read"]').waitFor();
  });

  it("shows a group's description and members, and opens a member's own chat", async () => {
    await elena.keyboard.press('Escape');
    await elena.getByRole('dialog', { name: 'Información del mensaje' }).waitFor({ state: 'detached' });
    await elena.getByRole('button', { name: 'Datos del grupo' }).click();
    const dialog = elena.getByRole('dialog', { name: 'Datos de Vecinos del barrio' });
    const about = dialog.getByRole('region', { name: 'Descripción' });
    await about.getByText('Avisos de la tienda para el barrio.').waitFor();
    // WhatsApp's bold, drawn as bold; the creator named by her chat.
    expect(await about.locator('strong').textContent()).toBe('Sábados de 10 a 14.');
    expect(await about.getByText(/^Creado el .+ por Carla Vidal\.$/).count()).toBe(1);
    const members = dialog.getByRole('region', { name: 'Miembros (3)' }).getByRole('listitem');
    expect(await members.allTextContents()).toEqual([
      'Esta cuenta (Tienda Centro)',
      expect.stringMatching(/^Carla Vidal\+34611998003Admin del grupoAbrir su chat$/),
      'Diego Pardo+34611998004',
    ]);
    // Elena may not change the group: nothing to administer, the settings to read.
    expect(await dialog.getByRole('button', { name: /Añadir miembros|Editar asunto/ }).count()).toBe(0);
    const settings = dialog.getByRole('region', { name: 'Ajustes del grupo' });
    expect(await settings.locator('dt, dd').allTextContents()).toEqual(['Enviar mensajes', 'Todos los miembros', 'Editar la info del grupo', 'Todos los miembros', 'Añadir miembros', 'Solo admins', 'Aprobar nuevos miembros', 'No']);
    expect(await settings.getByRole('checkbox').count()).toBe(0);
    await checkScreen(elena, 'inbox', '27c-group-details');

    // Carla's own chat is Elena's: one click opens it (Diego has none with the shop).
    await dialog.getByRole('button', { name: 'Abrir su chat (Carla Vidal)' }).click();
    await elena.getByRole('textbox', { name: /Mensaje para Carla Vidal/ }).waitFor();
    expect(await elena.getByRole('dialog').count()).toBe(0);
  });

  it('shows whom a group message mentions by name, in the thread and in the list', async () => {
    const group = (await sys.api('GET', `/api/chats?sessionId=${SESSION}&view=all`, admin)).body.data.find((c: { name: string }) => c.name === 'Vecinos del barrio').id as string;
    const { id } = await sys.sim.contactSendToGroup(DIEGO, group, { text: `@${CARLA} ¿me guardas una barra? Y @${PHONE}, ¿abrís el domingo?`, mentions: [CARLA, PHONE] });
    await sys.waitFor((e) => e.type === 'message' && e.message.id === id);
    await elena.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Vecinos del barrio/ }).click();
    const said = elena.locator('.msg-in', { hasText: '¿me guardas una barra?' });
    await said.waitFor();
    expect(await said.locator('.msg-text').textContent()).toBe('@Carla Vidal ¿me guardas una barra? Y @Tienda Centro, ¿abrís el domingo?');
    expect(await said.locator('.mention-account').textContent()).toBe('@Tienda Centro');
    const row = elena.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Vecinos del barrio/ });
    await row.getByText(/@Carla Vidal ¿me guardas una barra\?/).waitFor();
    await checkScreen(elena, 'inbox', '27d-group-mentions');

    // Her answer mentions Carla: `@car` offers the group's members, Enter picks her.
    const composer = elena.getByRole('textbox', { name: /Mensaje para Vecinos del barrio/ });
    await composer.pressSequentially('@car');
    await elena.getByRole('listbox', { name: 'Mencionar a alguien del grupo' }).getByRole('option', { name: '@Carla Vidal' }).waitFor();
    await composer.press('Enter');
    expect(await composer.inputValue()).toBe('@Carla Vidal ');
    await composer.pressSequentially('te la guardo hasta las 14.');
    await composer.press('Enter');
    const got = await sys.sim.waitForReceived(DIEGO, (m) => m.group === group && m.text === `@${CARLA} te la guardo hasta las 14.`, 30_000);
    expect(got.mentions).toEqual([`${CARLA}@s.whatsapp.net`]);
    const answer = elena.locator('.msg-out', { hasText: 'te la guardo hasta las 14.' }).locator('.msg-text');
    await expect.poll(() => answer.textContent()).toBe('@Carla Vidal te la guardo hasta las 14.');
    await row.getByText('@Carla Vidal te la guardo hasta las 14.').waitFor();

    // Scheduled for later, the mention waits by name and goes as a mention.
    await composer.pressSequentially('@car');
    // Enter picks her only once the picker offers her (before, it would send "@car").
    await elena.getByRole('listbox', { name: 'Mencionar a alguien del grupo' }).getByRole('option', { name: '@Carla Vidal' }).waitFor();
    await composer.press('Enter');
    expect(await composer.inputValue()).toBe('@Carla Vidal ');
    await composer.pressSequentially('mañana te la llevo.');
    await elena.getByRole('button', { name: 'Programar envío' }).click();
    await elena.getByRole('dialog', { name: /^Programar envío a/ }).getByRole('button', { name: /^Mañana por la mañana/ }).click();
    const waiting = elena.locator('.scheduled-item', { hasText: '@Carla Vidal mañana te la llevo.' });
    await waiting.waitFor();
    const later = sys.sim.waitForReceived(DIEGO, (m) => m.group === group && m.text === `@${CARLA} mañana te la llevo.`, 30_000);
    await waiting.getByRole('button', { name: 'Enviar ahora' }).click();
    expect((await later).mentions).toEqual([`${CARLA}@s.whatsapp.net`]);

    // Carla adds someone: a line of its own in the thread, nothing to answer.
    sys.sim.createContact({ phone: EVA, name: 'Eva Soto' });
    sys.sim.addToGroup(group, [EVA]);
    await elena.locator('.thread-system', { hasText: 'Carla Vidal añadió a +34611998005' }).waitFor();
    await checkScreen(elena, 'inbox', '27e-group-mention-reply');
  });
});

describe('group administration', () => {
  const FEDE = '34611998006';
  const GUS = '34611998007';
  const HUGO = '34611998008';
  const INES = '34611998009';

  it('lets a supervisor add, promote and remove members and rename the group once the account is an admin', async () => {
    const group = (await sys.api('GET', `/api/chats?sessionId=${SESSION}&view=all`, admin)).body.data.find((c: { name: string }) => c.name === 'Vecinos del barrio').id as string;
    sys.sim.createContact({ phone: FEDE, name: 'Fede' });
    sys.sim.createContact({ phone: GUS, name: 'Gus' }).groupInvitesOnly = true;
    const sofiaContext = await newContext(browser);
    await recordNotifications(sofiaContext, sys.url);
    const sofia = await sofiaContext.newPage();
    await signIn(sofia, sys.url, team.sofia.email, team.sofia.password);
    await sofia.goto(`${sys.url}/inbox/${SESSION}/${encodeURIComponent(group)}`);
    const open = async () => {
      await sofia.getByRole('button', { name: 'Datos del grupo' }).click();
      return sofia.getByRole('dialog', { name: /^Datos de Vecinos del barrio/ });
    };
    // Carla, its admin, lets only admins write: the reply tab says so instead of offering the box
    // (a note for the team still can be written), and offers it again once she opens it up.
    sys.sim.setGroupSettings(group, { announce: true });
    await sofia.locator('.thread-system', { hasText: 'Carla Vidal cambió los ajustes del grupo: solo los admins pueden enviar mensajes' }).waitFor();
    const blocked = sofia.getByText('Solo los admins del grupo pueden enviar mensajes, y esta cuenta no es admin.', { exact: false });
    await blocked.waitFor();
    expect(await sofia.getByRole('textbox', { name: /Mensaje para Vecinos del barrio/ }).count()).toBe(0);
    await checkScreen(sofia, 'inbox', '27h-group-admins-only');
    const tabs = sofia.getByRole('group', { name: 'Qué escribes' });
    await tabs.getByRole('button', { name: 'Nota interna' }).click();
    await sofia.getByRole('textbox', { name: /Nota interna/ }).waitFor();
    await tabs.getByRole('button', { name: 'Responder' }).click();
    sys.sim.setGroupSettings(group, { announce: false });
    await sofia.getByRole('textbox', { name: /Mensaje para Vecinos del barrio/ }).waitFor();
    expect(await blocked.count()).toBe(0);

    // Carla made the group: the account may rename it (everyone may here) but not change members.
    let dialog = await open();
    await dialog.getByText('Solo un admin del grupo puede cambiar los ajustes, y esta cuenta no es admin.').waitFor();
    expect(await dialog.getByRole('checkbox', { name: 'Solo los admins pueden enviar mensajes' }).count()).toBe(0);
    await dialog.getByText('Solo un admin del grupo puede añadir o eliminar miembros, y esta cuenta no es admin.').waitFor();
    await dialog.getByRole('button', { name: 'Editar asunto y descripción' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Añadir miembros' }).count()).toBe(0);
    await sofia.keyboard.press('Escape');

    // Carla makes the account an admin; the details are asked of WhatsApp again when reopened.
    sys.sim.groups.get(group).admins.add(PHONE);
    dialog = await open();
    await dialog.getByRole('button', { name: 'Añadir miembros' }).click();
    await dialog.getByLabel('Números de teléfono').fill(`+34 611 99 80 06\n${GUS}`);
    await dialog.getByRole('button', { name: 'Añadir al grupo' }).click();
    const results = dialog.getByRole('status').filter({ hasText: 'añadido' });
    await results.getByText('+34611998006: añadido al grupo.').waitFor();
    await results.getByText('+34611998007 solo deja que le añadan con una invitación: pídele que se una con el enlace del grupo.').waitFor();
    // The number WhatsApp did not take stays, to try again later.
    expect(await dialog.getByLabel('Números de teléfono').inputValue()).toBe('+34611998007');
    await dialog.getByRole('region', { name: 'Miembros (5)' }).waitFor();
    expect(sys.sim.group(group).members).toContain(FEDE);
    // For Gus, the group's invitation link, ready to copy.
    await dialog.getByRole('button', { name: 'Mostrar enlace de invitación' }).click();
    expect(await dialog.getByRole('textbox', { name: 'Enlace de invitación al grupo' }).inputValue()).toMatch(/^https:\/\/chat\.whatsapp\.com\/inv\d{10}$/);

    await dialog.getByRole('button', { name: 'Opciones de Diego Pardo' }).click();
    await sofia.getByRole('menuitem', { name: 'Hacer admin del grupo' }).click();
    await sofia.getByText('Diego Pardo es ahora admin del grupo.').waitFor();
    expect(sys.sim.groups.get(group).admins.has(DIEGO)).toBe(true);

    await dialog.getByRole('button', { name: 'Opciones de +34611998005' }).click();
    await sofia.getByRole('menuitem', { name: 'Eliminar del grupo' }).click();
    const confirm = sofia.getByRole('dialog', { name: '¿Eliminar a +34611998005 del grupo?' });
    await confirm.getByRole('button', { name: 'Eliminar del grupo' }).click();
    await dialog.getByRole('region', { name: 'Miembros (4)' }).waitFor();
    expect(sys.sim.group(group).members).not.toContain(EVA);

    await dialog.getByRole('button', { name: 'Editar asunto y descripción' }).click();
    await dialog.getByRole('textbox', { name: 'Asunto', exact: true }).fill('Vecinos del barrio (tienda)');
    await dialog.getByRole('textbox', { name: 'Descripción', exact: true }).fill('Avisos de la tienda. *Sábados de 10 a 14.*');
    await dialog.getByRole('button', { name: 'Guardar en WhatsApp' }).click();
    await sofia.getByText('Grupo actualizado en WhatsApp. Los miembros verán el cambio.').waitFor();
    await dialog.getByRole('region', { name: 'Descripción' }).getByText('Avisos de la tienda.').waitFor();
    expect(sys.sim.group(group)).toMatchObject({ subject: 'Vecinos del barrio (tienda)', description: 'Avisos de la tienda. *Sábados de 10 a 14.*' });
    // As an admin the account changes the group's settings; only admins send from now on.
    const onlyAdmins = dialog.getByRole('checkbox', { name: 'Solo los admins pueden enviar mensajes' });
    await onlyAdmins.check();
    await sofia.getByText('Ajuste guardado en WhatsApp. Los miembros verán el cambio.').waitFor();
    expect(sys.sim.group(group).settings.announce).toBe(true);
    expect(await onlyAdmins.isChecked()).toBe(true);
    await checkScreen(sofia, 'inbox', '27f-group-admin');

    // New members need an admin now: Gus, Hugo and Inés ask with the link; Sofía answers from here.
    await dialog.getByRole('checkbox', { name: 'Aprobar nuevos miembros' }).check();
    await dialog.getByText('Nadie espera ahora.', { exact: false }).waitFor();
    // Diego, another admin now, changes a setting meanwhile: the open dialog follows.
    sys.sim.setGroupSettings(group, { locked: true }, DIEGO);
    await expect.poll(() => dialog.getByRole('checkbox', { name: 'Solo los admins pueden editar la info del grupo' }).isChecked()).toBe(true);
    await sofia.keyboard.press('Escape');
    // Sofía is in another chat when Gus asks: a notification tells her, since she may answer him.
    const list = sofia.getByRole('listbox', { name: 'Conversaciones' });
    await list.getByRole('option', { name: /Carla Vidal/ }).click();
    await sofia.getByRole('textbox', { name: /Mensaje para Carla Vidal/ }).waitFor();
    requestToJoin(sys.sim, group, GUS);
    await expect.poll(() => notificationsOf(sofia)).toContainEqual({ title: 'Vecinos del barrio (tienda)', body: '+34611998007 pidió unirse al grupo', tag: expect.any(String) });
    await list.getByRole('option', { name: /Vecinos del barrio/ }).click();
    await sofia.locator('.thread-system', { hasText: '+34611998007 pidió unirse al grupo' }).waitFor();
    // The thread says someone waits, and *Revisar* opens the group's details at the requests.
    await sofia.getByRole('status').filter({ hasText: 'Una persona pide unirse al grupo y espera a un admin.' }).waitFor();
    await checkScreen(sofia, 'inbox', '27j-group-join-waiting');
    for (const phone of [HUGO, INES]) {
      sys.sim.createContact({ phone, name: '' });
      requestToJoin(sys.sim, group, phone);
    }
    const waiting = sofia.getByRole('status').filter({ hasText: '3 personas piden unirse al grupo y esperan a un admin.' });
    await waiting.getByRole('button', { name: 'Revisar' }).click();
    dialog = sofia.getByRole('dialog', { name: /^Datos de Vecinos del barrio/ });
    const requests = dialog.getByRole('region', { name: /^Solicitudes para unirse/ });
    await dialog.getByRole('region', { name: 'Solicitudes para unirse (3)' }).getByText(/^Lo pidió /).first().waitFor();
    await checkScreen(sofia, 'inbox', '27i-group-join-requests');
    await requests.getByRole('button', { name: 'Rechazar a +34611998009' }).click();
    await sofia.getByText('Solicitud de +34611998009 rechazada.').waitFor();
    await requests.getByRole('button', { name: 'Aprobar a todos (2)' }).click();
    await sofia.getByText('+34611998008 ya está en el grupo.').waitFor();
    await dialog.getByRole('region', { name: 'Solicitudes para unirse (0)' }).waitFor();
    await dialog.getByRole('region', { name: 'Miembros (6)' }).waitFor();
    expect(sys.sim.group(group).members).toEqual(expect.arrayContaining([GUS, HUGO]));
    expect(sys.sim.group(group).members).not.toContain(INES);
    await sofia.keyboard.press('Escape');
    // Nobody waits now: the thread stops saying so once WhatsApp's notice of their joining arrives.
    await waiting.waitFor({ state: 'detached' });

    // Every change reached the members, and the thread shows each; the chat takes the new subject.
    for (const line of ['Tienda Centro añadió a +34611998006', 'Tienda Centro hizo admin del grupo a Diego Pardo', 'Tienda Centro eliminó a +34611998005', 'Tienda Centro cambió el asunto a «Vecinos del barrio (tienda)»', 'Tienda Centro cambió los ajustes del grupo: solo los admins pueden enviar mensajes', 'Tienda Centro rechazó la solicitud de +34611998009 para unirse', 'Tienda Centro añadió a +34611998007 y +34611998008']) {
      await sofia.locator('.thread-system', { hasText: line }).waitFor();
    }
    // The list names the chat by its new subject and words its latest change, as the thread does.
    const row = sofia.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Vecinos del barrio \(tienda\)/ });
    await row.getByText('Tienda Centro añadió a +34611998007 y +34611998008').waitFor();
    // An admin still writes where only admins may.
    await sofia.getByRole('textbox', { name: /Mensaje para Vecinos del barrio/ }).waitFor();
    await checkScreen(sofia, 'inbox', '27g-group-admin-thread');

    // The account leaves: asked first; the members hear of it, the conversation stays.
    dialog = await open();
    await dialog.getByRole('button', { name: 'Salir del grupo' }).click();
    await sofia.getByRole('dialog', { name: '¿Salir del grupo «Vecinos del barrio (tienda)»?' }).getByRole('button', { name: 'Salir del grupo' }).click();
    await dialog.getByText('Esta cuenta de WhatsApp ya no está en el grupo', { exact: false }).waitFor();
    expect(sys.sim.group(group).members).not.toContain(PHONE);
    await sofia.keyboard.press('Escape');
    await sofia.locator('.thread-system', { hasText: 'Tienda Centro salió del grupo' }).waitFor();
    // Nothing can be sent there now, and the reply tab says so.
    await sofia.getByText('Esta cuenta ya no está en el grupo: no puede enviar mensajes.', { exact: false }).waitFor();
    await sofia.close();
  });
});
