/// <reference lib="dom" />
/**
 * "Reparto automático" in a real browser over the real system and the WhatsApp simulator: an
 * administrator switches it on for a session from *Asignaciones*, ticking one employee; a new
 * customer's first message then lands, assigned, in that employee's open inbox without a reload,
 * and the administrator's open inbox shows who has it as it happens.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, notificationsOf, recordNotifications, signedInPage, signIn } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';

const SHOTS = 'console';
const SESSION = 'ventas';
const PHONE = '34600960001';
const CUSTOMER = '34611960001';
const SECOND = '34611960002';

let sys: System;
let browser: Browser;
let admin: Page;
let employee: Page;

beforeAll(async () => {
  sys = await startSystem('e2e_auto_assign');
  const token = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(token, { sessionId: SESSION, name: 'Ventas', phone: PHONE });
  sys.sim.createContact({ phone: CUSTOMER, name: 'Lucía Prieto' });
  sys.sim.createContact({ phone: SECOND, name: 'Marcos Gil' });
  const elena = { email: 'elena@e2e.test', password: 'Elena-temporal-1' };
  expect((await sys.api('POST', '/api/users', token, { name: 'Elena Ruiz', email: elena.email, password: elena.password, role: 'employee' })).status).toBe(201);
  await sys.token(elena.email, elena.password); // replaces the temporary password

  browser = await launchBrowser();
  admin = await signedInPage(browser, sys.url, sys.adminEmail, `${sys.adminPassword}-own`);
  const employeeContext = await newContext(browser);
  await recordNotifications(employeeContext, sys.url);
  employee = await employeeContext.newPage();
  await signIn(employee, sys.url, elena.email, `${elena.password}-own`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

describe('automatic distribution', () => {
  it("is switched on from Asignaciones, and a new customer's chat reaches the chosen employee's inbox by itself", async () => {
    await admin.goto(`${sys.url}/assignments`);
    await admin.getByRole('button', { name: 'Reparto automático: desactivado' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Reparto automático en Ventas' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Asignar automáticamente las conversaciones nuevas').isChecked()).toBe(true);
    await dialog.getByRole('checkbox', { name: /Elena Ruiz/ }).check();
    // By default only people with the console open get chats (Elena has her inbox open below).
    expect(await dialog.getByRole('checkbox', { name: 'Solo a quien tenga Switchboard abierto' }).isChecked()).toBe(true);
    await checkScreen(admin, SHOTS, '23-auto-assign', { keyboard: true });
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await admin.getByRole('button', { name: 'Reparto automático: 1 persona' }).waitFor();

    await employee.goto(`${sys.url}/inbox`);
    await employee.getByText('Cuando un supervisor te asigne conversaciones aparecerán aquí.').waitFor();
    await admin.goto(`${sys.url}/inbox`);
    await admin.getByRole('radio', { name: 'Todas' }).click();
    await sys.sim.contactSend(CUSTOMER, { to: PHONE, text: 'Hola, quería pedir cita' });
    const row = employee.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Lucía Prieto/ });
    await row.getByText('Hola, quería pedir cita').waitFor();
    // Her first message came before the chat was hers: the assignment itself notifies her.
    await expect.poll(async () => (await notificationsOf(employee)).filter((n) => n.title === 'Lucía Prieto').map((n) => n.body)).toEqual(['Asignada a ti: Hola, quería pedir cita']);
    // The administrator's open inbox says who has it, live (it arrived unassigned a moment before).
    await admin.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Lucía Prieto/ }).getByText('Elena Ruiz').waitFor();
    // Watching *Sin asignar*, a new customer's chat leaves the list once it is handed out.
    await admin.getByRole('radio', { name: 'Sin asignar' }).click();
    await admin.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Lucía Prieto/ }).waitFor({ state: 'detached' });
    await sys.sim.contactSend(SECOND, { to: PHONE, text: 'Buenas, ¿abrís el sábado?' });
    await employee.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Marcos Gil/ }).waitFor();
    await expect.poll(() => admin.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Marcos Gil/ }).count()).toBe(0);
    await admin.goto(`${sys.url}/assignments`);
    await admin.getByRole('row', { name: /Lucía Prieto/ }).getByText('Elena Ruiz').waitFor();
  });
});
