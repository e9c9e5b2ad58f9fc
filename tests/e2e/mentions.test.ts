/// <reference lib="dom" />
/**
 * Mentions in internal notes in real browsers over the real system and the WhatsApp simulator: a
 * supervisor writes a note on a customer's chat and mentions the employee who has it, picked from
 * the colleagues who may read the chat (from the @ menu, or typing `@` and the start of a name);
 * the employee's open inbox notifies her (*… te mencionó*) and both threads show whom it told.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, notificationsOf, recordNotifications, signedInPage, signIn } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';
import { addTeam, customerAssignedTo } from './support/team.ts';

const SESSION = 'tienda';
const PHONE = '34600990101';
const CUSTOMER = '34611990101';
const CUSTOMER_JID = `${CUSTOMER}@s.whatsapp.net`;

let sys: System;
let browser: Browser;
let supervisor: Page;
let employee: Page;

beforeAll(async () => {
  sys = await startSystem('e2e_mentions');
  const admin = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(admin, { sessionId: SESSION, name: 'Tienda Centro', phone: PHONE });
  sys.sim.createContact({ phone: CUSTOMER, name: 'Alicia Gómez' });
  const team = await addTeam(sys, admin);
  await customerAssignedTo(sys, admin, { sessionId: SESSION, phone: PHONE, customer: CUSTOMER, text: 'Me cobrasteis dos veces el pedido', userId: team.elena.id });

  browser = await launchBrowser();
  const employeeContext = await newContext(browser);
  await recordNotifications(employeeContext, sys.url);
  employee = await employeeContext.newPage();
  await signIn(employee, sys.url, team.elena.email, team.elena.password);
  supervisor = await signedInPage(browser, sys.url, team.sofia.email, team.sofia.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

describe('mentions in internal notes', () => {
  it('tell the colleague mentioned, at once, and the note says whom it told', async () => {
    await employee.goto(`${sys.url}/inbox`);
    await employee.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Alicia Gómez/ }).waitFor();

    await supervisor.goto(`${sys.url}/inbox/${SESSION}/${encodeURIComponent(CUSTOMER_JID)}`);
    await supervisor.getByRole('group', { name: 'Qué escribes' }).getByRole('button', { name: 'Nota interna' }).click();
    const noteBox = supervisor.getByRole('textbox', { name: 'Nota interna sobre Alicia Gómez' });
    await noteBox.fill('Revisa el cobro doble, por favor: ');
    await supervisor.getByRole('button', { name: 'Mencionar a alguien del equipo' }).click();
    // Only colleagues who may read the chat: Elena (hers) and the administrator, never Sofía herself.
    const menu = supervisor.getByRole('menu', { name: 'Mencionar a alguien del equipo' });
    expect((await menu.getByRole('menuitem').allTextContents()).sort()).toEqual(['Admin', 'Elena Ruiz']);
    await checkScreen(supervisor, 'inbox', '18-mention-menu');
    await menu.getByRole('menuitem', { name: 'Elena Ruiz' }).click();
    expect(await noteBox.inputValue()).toBe('Revisa el cobro doble, por favor: @Elena Ruiz ');
    await noteBox.press('Enter');

    const log = supervisor.getByRole('log', { name: /Mensajes con Alicia Gómez/ });
    await log.locator('.note', { hasText: 'Revisa el cobro doble' }).getByText('Avisado: Elena Ruiz').waitFor();
    await expect
      .poll(async () => (await notificationsOf(employee)).filter((n) => n.title === 'Alicia Gómez').map((n) => n.body))
      .toEqual(['Sofía Marín te mencionó en una nota: Revisa el cobro doble, por favor: @Elena Ruiz']);
    // Typing @ and the start of a name offers the same colleagues; Enter picks, accents aside.
    await noteBox.fill('Y que lo sepa ');
    await noteBox.pressSequentially('@adm');
    const offered = supervisor.getByRole('listbox', { name: 'Mencionar a alguien del equipo' });
    await offered.getByRole('option', { name: '@Admin' }).waitFor();
    expect(await offered.getByRole('option').allTextContents()).toEqual(['@Admin']);
    await noteBox.press('Enter');
    expect(await noteBox.inputValue()).toBe('Y que lo sepa @Admin ');
    await noteBox.press('Enter');
    await log.locator('.note', { hasText: 'Y que lo sepa' }).getByText('Avisado: Admin').waitFor();
    await employee.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Alicia Gómez/ }).click();
    await employee.getByRole('log', { name: /Mensajes con Alicia Gómez/ }).locator('.note', { hasText: 'Revisa el cobro doble' }).getByText('Avisado: Elena Ruiz').waitFor();
  });
});
