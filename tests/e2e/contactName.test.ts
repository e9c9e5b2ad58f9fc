/// <reference lib="dom" />
/**
 * Naming a contact in a real browser over the real system and the WhatsApp simulator: a customer
 * whose WhatsApp name is "🌸 Ali" is named "Alicia Gómez" by the employee who answers her, from
 * *Datos del contacto*; her list row, the thread and a supervisor's open inbox show it at once,
 * the supervisor finds her as "gomez", the customer's next message (which carries her push name
 * again) does not undo it, the conversation downloads as a text file under that name, and *Usar
 * el de WhatsApp* goes back.
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
const PHONE = '34600980001';
const ALICIA = '34611980001';

let sys: System;
let browser: Browser;
let employee: Page;
let supervisor: Page;

beforeAll(async () => {
  sys = await startSystem('e2e_contact_name');
  const admin = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(admin, { sessionId: SESSION, name: 'Tienda Centro', phone: PHONE });
  sys.sim.createContact({ phone: ALICIA, name: '🌸 Ali' });
  const team = await addTeam(sys, admin);
  await customerAssignedTo(sys, admin, { sessionId: SESSION, phone: PHONE, customer: ALICIA, text: 'Hola, ¿tenéis la talla 40?', userId: team.elena.id });

  browser = await launchBrowser();
  employee = await signedInPage(browser, sys.url, team.elena.email, team.elena.password);
  supervisor = await signedInPage(browser, sys.url, team.sofia.email, team.sofia.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

const rowOf = (page: Page, name: RegExp) => page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name });

describe('naming a contact', () => {
  it('gives a customer a name the whole team sees, live, that her WhatsApp name does not undo', async () => {
    await supervisor.goto(`${sys.url}/inbox`);
    await supervisor.getByRole('radio', { name: 'Todas' }).click();
    await rowOf(supervisor, /🌸 Ali/).waitFor();

    await employee.goto(`${sys.url}/inbox`);
    await rowOf(employee, /🌸 Ali/).click();
    await employee.getByRole('button', { name: 'Datos del contacto' }).click();
    const details = employee.getByRole('dialog', { name: 'Datos de 🌸 Ali' });
    await details.getByRole('button', { name: 'Cambiar nombre' }).click();
    const field = details.getByLabel('Nombre para el equipo');
    expect(await field.inputValue()).toBe('🌸 Ali');
    await field.fill('Alicia Gómez');
    await checkScreen(employee, SHOTS, '16-contact-rename', { keyboard: true });
    await field.press('Enter');
    // The dialog is now about Alicia Gómez, with WhatsApp's name beside it.
    const renamed = employee.getByRole('dialog', { name: 'Datos de Alicia Gómez' });
    await renamed.getByText('En WhatsApp: 🌸 Ali').waitFor();
    expect(await renamed.locator('.contact-name strong').textContent()).toBe('Alicia Gómez');
    await employee.keyboard.press('Escape');
    await renamed.waitFor({ state: 'hidden' });

    // Everywhere at once: her list and thread, and the supervisor's open inbox.
    await rowOf(employee, /Alicia Gómez/).waitFor();
    await employee.getByRole('heading', { name: 'Alicia Gómez' }).waitFor();
    await rowOf(supervisor, /Alicia Gómez/).waitFor();
    await supervisor.getByRole('searchbox', { name: 'Buscar por nombre o número' }).fill('gomez');
    await expect.poll(() => rowOf(supervisor, /./).allTextContents()).toEqual([expect.stringContaining('Alicia Gómez')]);

    // The customer writes again: her push name comes with it, and the team's name stays.
    await sys.sim.contactSend(ALICIA, { to: PHONE, text: 'Os escribo otra vez' });
    await rowOf(employee, /Alicia Gómez/).getByText('Os escribo otra vez').waitFor();
    expect(await rowOf(employee, /🌸 Ali/).count()).toBe(0);
    await employee.reload();
    await rowOf(employee, /Alicia Gómez/).waitFor();

    // Back to WhatsApp's name.
    await employee.getByRole('button', { name: 'Datos del contacto' }).click();
    const again = employee.getByRole('dialog', { name: 'Datos de Alicia Gómez' });
    // The conversation as a text file, under the team's name.
    const [download] = await Promise.all([employee.waitForEvent('download'), again.getByRole('button', { name: 'Descargar (.txt)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^conversacion-alicia-gomez-\d{4}-\d{2}-\d{2}\.txt$/);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.split('\n').slice(0, 2)).toEqual(['Conversación con Alicia Gómez', 'Cuenta de WhatsApp: Tienda Centro']);
    expect(text).toMatch(/\] 🌸 Ali: Hola, ¿tenéis la talla 40\?\n[\s\S]*\] 🌸 Ali: Os escribo otra vez\n/);
    await again.getByRole('button', { name: 'Usar el de WhatsApp' }).click();
    await employee.getByRole('dialog', { name: 'Datos de 🌸 Ali' }).locator('.contact-name strong', { hasText: '🌸 Ali' }).waitFor();
    await supervisor.getByRole('searchbox', { name: 'Buscar por nombre o número' }).fill('');
    await rowOf(supervisor, /🌸 Ali/).waitFor();
  });
});
