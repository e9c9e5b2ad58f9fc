/// <reference lib="dom" />
/**
 * *Destacar* in a real browser over the real system and the WhatsApp simulator: Elena (an
 * employee) marks Bruno's address with the star so the team finds it again; Sofía (a supervisor)
 * has the same conversation open and sees the star appear at once; in *Mensajes destacados* she
 * finds it and goes to it in the thread; Elena finds it again among every conversation's marks
 * (the star beside the list's title) and goes to it from there. When Elena takes the mark off, it
 * goes from Sofía's screen and from that list too. Nothing of it reaches Bruno.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';
import { addTeam, customerAssignedTo } from './support/team.ts';

const SHOTS = 'inbox';
const SESSION = 'tienda';
const PHONE = '34600995001';
const BRUNO = '34611995001';

let sys: System;
let browser: Browser;
let elena: Page;
let sofia: Page;
let address = '';

beforeAll(async () => {
  sys = await startSystem('e2e_starred');
  const admin = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(admin, { sessionId: SESSION, name: 'Tienda Centro', phone: PHONE });
  const team = await addTeam(sys, admin);
  sys.sim.createContact({ phone: BRUNO, name: 'Bruno Sanz' });
  await customerAssignedTo(sys, admin, { sessionId: SESSION, phone: PHONE, customer: BRUNO, text: 'Quiero que me lo enviéis a casa', userId: team.elena.id });
  address = (await sys.sim.contactSend(BRUNO, { to: PHONE, text: 'Calle de Alcalá 120, 3ºB, 28009 Madrid' })).id;
  await sys.sim.contactSend(BRUNO, { to: PHONE, text: '¿Cuándo llegaría?' });
  await sys.waitFor((e) => e.type === 'message' && e.message.text === '¿Cuándo llegaría?');
  browser = await launchBrowser();
  elena = await signedInPage(browser, sys.url, team.elena.email, team.elena.password);
  sofia = await signedInPage(browser, sys.url, team.sofia.email, team.sofia.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

const row = (page: Page) => page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Bruno Sanz/ });
const addressIn = (page: Page) => page.getByRole('log').locator(`[data-id="${address}"]`);

describe('messages marked Destacado', () => {
  it('marks a message for the team: a colleague sees the star at once, finds it in Mensajes destacados and goes to it', async () => {
    await sofia.goto(`${sys.url}/inbox`);
    await sofia.getByRole('radio', { name: 'Todas' }).click();
    await row(sofia).click();
    await addressIn(sofia).waitFor();
    await elena.goto(`${sys.url}/inbox`);
    await row(elena).click();

    const mine = addressIn(elena);
    await mine.hover();
    await mine.getByRole('button', { name: 'Destacar' }).click();
    await mine.getByRole('img', { name: 'Destacado' }).waitFor();
    await addressIn(sofia).getByRole('img', { name: 'Destacado' }).waitFor();
    await checkScreen(elena, SHOTS, '33a-starred-bubble');

    await sofia.getByRole('button', { name: 'Mensajes destacados', exact: true }).click();
    const dialog = sofia.getByRole('dialog', { name: 'Mensajes destacados' });
    const item = dialog.getByRole('button', { name: /Calle de Alcalá 120/ });
    await item.waitFor();
    expect(await dialog.getByRole('listitem').count()).toBe(1);
    await dialog.getByText(/Destacado por Elena Ruiz/).waitFor();
    await checkScreen(sofia, SHOTS, '33b-starred-messages');
    await item.click();
    await dialog.waitFor({ state: 'hidden' });
    expect(new URL(sofia.url()).searchParams.get('m')).toBe(address);
    await sofia.locator('.thread-row.focused', { hasText: 'Calle de Alcalá 120' }).waitFor();
    // The command palette finds every conversation's marks too.
    await sofia.keyboard.press('Control+k');
    const palette = sofia.getByRole('dialog', { name: 'Buscar o ir a…' });
    await palette.getByRole('combobox', { name: 'Buscar o ir a…' }).fill('destacados');
    await palette.getByRole('option', { name: 'Todos los mensajes destacados' }).click();
    const fromPalette = sofia.getByRole('list', { name: 'Todos los mensajes destacados' }).getByRole('button', { name: /Bruno Sanz.*Calle de Alcalá 120/ });
    await fromPalette.waitFor();
    expect(await sofia.getByRole('button', { name: 'Todos los mensajes destacados' }).getAttribute('aria-pressed')).toBe('true');
    await fromPalette.click();
    await sofia.locator('.thread-row.focused', { hasText: 'Calle de Alcalá 120' }).waitFor();
    await sofia.getByRole('button', { name: 'Todos los mensajes destacados' }).click();
    await row(sofia).waitFor();

    // Every conversation's marks, from the star beside the list's title: Elena goes to it from there.
    await elena.getByRole('button', { name: 'Todos los mensajes destacados' }).click();
    const all = elena.getByRole('list', { name: 'Todos los mensajes destacados' });
    const hit = all.getByRole('button', { name: /Bruno Sanz.*Calle de Alcalá 120/ });
    await hit.waitFor();
    expect(await all.getByRole('listitem').count()).toBe(1);
    await hit.getByText(/^★ Elena Ruiz · \d{1,2} \w+ \d{4}, \d{1,2}:\d{2}$/).waitFor();
    await checkScreen(elena, SHOTS, '33d-all-starred');
    await elena.getByRole('button', { name: 'Cerrar conversación' }).first().click();
    await hit.click();
    expect(new URL(elena.url()).searchParams.get('m')).toBe(address);
    await elena.locator('.thread-row.focused', { hasText: 'Calle de Alcalá 120' }).waitFor();
  });

  it('takes the mark off everywhere, and Bruno never learns of it', async () => {
    const mine = addressIn(elena);
    await mine.hover();
    await mine.getByRole('button', { name: 'Quitar de destacados' }).click();
    await expect.poll(() => addressIn(sofia).getByRole('img', { name: 'Destacado' }).count()).toBe(0);
    expect(await mine.getByRole('img', { name: 'Destacado' }).count()).toBe(0);
    // Her list of every mark follows at once; the star takes her back to the conversations.
    await elena.getByText(/^Nadie ha destacado todavía un mensaje de tus conversaciones/).waitFor();
    await elena.getByRole('button', { name: 'Todos los mensajes destacados' }).click();
    await row(elena).waitFor();
    await sofia.getByRole('button', { name: 'Mensajes destacados', exact: true }).click();
    await sofia.getByRole('dialog', { name: 'Mensajes destacados' }).getByText(/Ningún mensaje destacado todavía/).waitFor();
    await checkScreen(sofia, SHOTS, '33c-starred-empty');
    expect(sys.sim.received(BRUNO)).toEqual([]);
  });
});
