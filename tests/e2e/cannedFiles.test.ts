/// <reference lib="dom" />
/**
 * A quick reply with a file, in a real browser over the real system and the WhatsApp
 * simulator: Sofía saves the quick reply /tarifas with the price list attached; Elena, an employee, types
 * `/tar` in her conversation, picks it, and the reply box holds the words and the file; sent,
 * the customer's phone gets the PDF with the words as its caption.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';
import { addTeam, customerAssignedTo, type Member } from './support/team.ts';

const SHOTS = 'inbox';
const SESSION = 'tienda';
const PHONE = '34600997001';
const BRUNO = '34611997002';
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('Tarifas 2027: camisetas 12 €, sudaderas 25 €\n'.repeat(30)), Buffer.from('%%EOF\n')]);

let sys: System;
let browser: Browser;
let sofia: Page;
let elena: Page;
let team: Record<'elena' | 'sofia', Member>;

beforeAll(async () => {
  sys = await startSystem('e2e_canned_files');
  const admin = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(admin, { sessionId: SESSION, name: 'Tienda Centro', phone: PHONE });
  team = await addTeam(sys, admin);
  sys.sim.createContact({ phone: BRUNO, name: 'Bruno Sanz' });
  await customerAssignedTo(sys, admin, { sessionId: SESSION, phone: PHONE, customer: BRUNO, text: '¿Me pasáis los precios?', userId: team.elena.id });
  browser = await launchBrowser();
  sofia = await signedInPage(browser, sys.url, team.sofia.email, team.sofia.password);
  elena = await signedInPage(browser, sys.url, team.elena.email, team.elena.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

describe('a quick reply with a file', () => {
  it('is saved with its file by a supervisor, for the whole team', async () => {
    await sofia.goto(`${sys.url}/inbox`);
    await sofia.getByRole('radio', { name: 'Todas' }).click();
    await sofia.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Bruno Sanz/ }).click();
    await sofia.getByRole('button', { name: 'Gestionar respuestas rápidas' }).click();
    const dialog = sofia.getByRole('dialog', { name: 'Respuestas rápidas' });
    await dialog.getByRole('button', { name: 'Nueva respuesta' }).click();
    await dialog.getByLabel('Atajo').fill('tarifas');
    await dialog.getByLabel('Texto').fill('Hola {nombre}, te paso las tarifas de este año.');
    await dialog.getByLabel('Compartida con todo el equipo').check();
    await dialog.locator('input[type=file]').setInputFiles({ name: 'Tarifas 2027.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog.getByText('Tarifas 2027.pdf').waitFor();
    await checkScreen(sofia, SHOTS, '25-canned-with-file');
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    // The list says what goes with it.
    await dialog.locator('.canned-manage .canned-file', { hasText: 'Tarifas 2027.pdf' }).waitFor();
    await dialog.getByRole('button', { name: 'Cerrar', exact: true }).click();
  });

  it('puts the words and the file in the reply box when picked, and the customer gets both', async () => {
    await elena.goto(`${sys.url}/inbox`);
    await elena.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Bruno Sanz/ }).click();
    const composer = elena.getByRole('textbox', { name: /Mensaje para Bruno Sanz/ });
    await composer.fill('/tar');
    await elena.getByRole('listbox', { name: 'Respuestas rápidas que coinciden' }).getByRole('img', { name: 'Con archivo: Tarifas 2027.pdf' }).waitFor();
    await checkScreen(elena, SHOTS, '25b-canned-suggestion-file');
    await composer.press('Enter');
    expect(await composer.inputValue()).toBe('Hola Bruno, te paso las tarifas de este año.');
    await elena.locator('.file-chip', { hasText: 'Tarifas 2027.pdf' }).waitFor();
    await checkScreen(elena, SHOTS, '26-canned-file-attached');
    await composer.press('Enter');
    const got = await sys.sim.waitForReceived(BRUNO, (m) => m.kind === 'document', 30_000);
    expect(got).toMatchObject({ fileName: 'Tarifas 2027.pdf', caption: 'Hola Bruno, te paso las tarifas de este año.', mimetype: 'application/pdf' });
    expect(got.media?.equals(PDF)).toBe(true);
  });
});
