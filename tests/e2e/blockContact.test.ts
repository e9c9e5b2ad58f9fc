/// <reference lib="dom" />
/**
 * Blocking a contact in a real browser over the real system and the WhatsApp simulator: Sofía (a
 * supervisor) blocks a customer who writes spam from *Datos del contacto*, after a confirmation
 * that says what it means. The account's blocklist on WhatsApp changes, the reply box says the
 * contact is blocked (notes still work), the chat leaves *Sin responder*, and Elena (the employee
 * who has the chat) sees it live with nothing to unblock. What the customer writes meanwhile never
 * arrives; *Desbloquear* in the reply area brings the box back, and a block made on the phone
 * reaches the open inboxes too.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';
import { addTeam, customerAssignedTo } from './support/team.ts';

const SHOTS = 'inbox';
const SESSION = 'tienda';
const PHONE = '34600970001';
const RAUL = '34611970001';

let sys: System;
let browser: Browser;
let elena: Page;
let sofia: Page;

beforeAll(async () => {
  sys = await startSystem('e2e_block_contact');
  const admin = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(admin, { sessionId: SESSION, name: 'Tienda Centro', phone: PHONE });
  sys.sim.createContact({ phone: RAUL, name: 'Raúl Ofertas' });
  const team = await addTeam(sys, admin);
  await customerAssignedTo(sys, admin, { sessionId: SESSION, phone: PHONE, customer: RAUL, text: '¡GANA DINERO DESDE CASA! Pulsa aquí', userId: team.elena.id });

  browser = await launchBrowser();
  elena = await signedInPage(browser, sys.url, team.elena.email, team.elena.password);
  sofia = await signedInPage(browser, sys.url, team.sofia.email, team.sofia.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

const rowOf = (page: Page) => page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Raúl Ofertas/ });
const replyBox = (page: Page) => page.getByRole('textbox', { name: /Mensaje para Raúl Ofertas/ });
const NOTICE = 'Has bloqueado a este contacto en Tienda Centro: no recibes sus mensajes y no puedes escribirle.';

describe('blocking a contact', () => {
  it('blocks a customer after saying what it means; the whole team sees it live and their messages stop', async () => {
    await elena.goto(`${sys.url}/inbox`);
    await rowOf(elena).click();
    await replyBox(elena).waitFor();

    await sofia.goto(`${sys.url}/inbox`);
    await sofia.getByRole('radio', { name: 'Todas' }).click();
    await rowOf(sofia).getByText('Sin responder', { exact: false }).waitFor();
    await rowOf(sofia).click();
    await sofia.getByRole('button', { name: 'Datos del contacto' }).click();
    const details = sofia.getByRole('dialog', { name: 'Datos de Raúl Ofertas' });
    await details.getByRole('button', { name: 'Bloquear contacto' }).click();
    const confirm = sofia.getByRole('dialog', { name: '¿Bloquear a Raúl Ofertas?' });
    await confirm.getByText('Raúl Ofertas no podrá escribir ni llamar a Tienda Centro', { exact: false }).waitFor();
    await checkScreen(sofia, SHOTS, '28a-block-confirm');
    await confirm.getByRole('button', { name: 'Bloquear' }).click();
    await sofia.getByText('Raúl Ofertas: contacto bloqueado en Tienda Centro.').waitFor();
    await details.getByText('Esta cuenta de WhatsApp tiene bloqueado a este contacto', { exact: false }).waitFor();
    await details.getByRole('button', { name: 'Desbloquear' }).waitFor();
    expect(sys.sim.phones.get(PHONE)?.blocked).toEqual(new Set([RAUL]));
    await sofia.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });

    // The reply box says so (a note still works), and the chat no longer waits for a reply.
    await sofia.getByText(NOTICE, { exact: false }).waitFor();
    expect(await replyBox(sofia).count()).toBe(0);
    await rowOf(sofia).getByText('Bloqueado').waitFor();
    expect(await rowOf(sofia).getByText('Sin responder', { exact: false }).count()).toBe(0);
    await checkScreen(sofia, SHOTS, '28b-blocked-contact');
    const tabs = sofia.getByRole('group', { name: 'Qué escribes' });
    await tabs.getByRole('button', { name: 'Nota interna' }).click();
    await sofia.getByRole('textbox', { name: /Nota interna/ }).waitFor();
    await tabs.getByRole('button', { name: 'Responder' }).click();

    // Elena, who answers the chat, sees it at once, and may not unblock.
    await elena.getByText(NOTICE, { exact: false }).waitFor();
    await rowOf(elena).getByText('Bloqueado').waitFor();
    expect(await elena.getByRole('button', { name: 'Desbloquear' }).count()).toBe(0);
    await elena.getByRole('button', { name: 'Datos del contacto' }).click();
    const hers = elena.getByRole('dialog', { name: 'Datos de Raúl Ofertas' });
    await hers.getByText('Esta cuenta de WhatsApp tiene bloqueado a este contacto', { exact: false }).waitFor();
    expect(await hers.getByRole('button', { name: /Bloquear|Desbloquear/ }).count()).toBe(0);
    await elena.keyboard.press('Escape');

    // What he writes meanwhile never arrives.
    const dropped = new Promise((resolve) => sys.sim.once('blocked-message', resolve));
    await sys.sim.contactSend(RAUL, { to: PHONE, text: 'OFERTA EXCLUSIVA' });
    await dropped;
  });

  it('unblocks from the reply area, and follows a block made on the phone', async () => {
    await sofia.getByRole('button', { name: 'Desbloquear' }).click();
    await sofia.getByText('Raúl Ofertas: contacto desbloqueado. Sus mensajes vuelven a llegar.').waitFor();
    await replyBox(sofia).waitFor();
    await replyBox(elena).waitFor();
    expect(await rowOf(elena).getByText('Bloqueado').count()).toBe(0);
    expect(sys.sim.phones.get(PHONE)?.blocked.size).toBe(0);
    await sys.sim.contactSend(RAUL, { to: PHONE, text: 'Perdón, era broma' });
    await rowOf(sofia).getByText('Perdón, era broma').waitFor();
    expect(await sofia.getByText('OFERTA EXCLUSIVA').count()).toBe(0);

    // The owner blocks him on the phone: the open inboxes follow.
    sys.sim.blockFromPhone(PHONE, RAUL, true);
    await sofia.getByText(NOTICE, { exact: false }).waitFor();
    await rowOf(elena).getByText('Bloqueado').waitFor();
    sys.sim.blockFromPhone(PHONE, RAUL, false);
    await replyBox(sofia).waitFor();
  });
});
