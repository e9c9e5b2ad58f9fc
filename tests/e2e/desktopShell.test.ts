/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser)
/**
 * The inbox inside the desktop app: the real renderer and the real preload against the real
 * gateway, actors and WhatsApp simulator, with only Electron faked (support/desktopShell.ts).
 * The token goes to the shell's store (never localStorage); a customer's message becomes a
 * native notification that names its chat, and the answer typed in it (macOS inline reply)
 * reaches the customer once; the badge follows the chats waiting for a reply; a deep link opens
 * its chat.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, signIn } from './support/browser.ts';
import { emitFromMain, installDesktopShell, sentToMain } from './support/desktopShell.ts';
import { startSystem, type System } from './support/system.ts';

const SESSION = 'mostrador';
const PHONE = '34600900001';
const ALICE = '34611900001';
const ALICE_JID = `${ALICE}@s.whatsapp.net`;
const employee = { email: 'marta@e2e.test', password: 'Marta-temporal-1' };

let sys: System;
let browser: Browser;
let page: Page;

interface Notified {
  title: string;
  body: string;
  tag: string;
  route?: string;
  replyTo?: string;
}

beforeAll(async () => {
  sys = await startSystem('e2e_desktop');
  const admin = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(admin, { sessionId: SESSION, name: 'Mostrador', phone: PHONE });
  sys.sim.createContact({ phone: ALICE, name: 'Alicia Gómez' });
  await sys.sim.contactSend(ALICE, { to: PHONE, text: 'Hola' });
  await sys.waitFor((e) => e.type === 'message' && e.sessionId === SESSION && e.message.chatId === ALICE_JID);
  const user = await sys.api<{ id: string }>('POST', '/api/users', admin, { name: 'Marta Gil', email: employee.email, password: employee.password, role: 'employee' });
  expect(user.status).toBe(201);
  await sys.token(employee.email, employee.password); // replaces the temporary password
  employee.password = `${employee.password}-own`;
  expect((await sys.api('POST', `/api/sessions/${SESSION}/assignments`, admin, { chatId: ALICE_JID, userId: user.body.id })).status).toBe(201);

  browser = await launchBrowser();
  const ctx = await newContext(browser);
  await installDesktopShell(ctx, 'darwin');
  page = await ctx.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

describe('the inbox in the desktop shell', () => {
  it('keeps the token in the shell, answers a notification inline (the customer receives it once) and badges the chats waiting', async () => {
    await signIn(page, sys.url, employee.email, employee.password);
    await page.waitForURL('**/inbox');
    const row = page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Alicia Gómez/ });
    await row.waitFor();
    // Through the preload: the shell holds the token, the page's storage does not.
    expect(await page.evaluate(() => [sessionStorage.getItem('desktop.token') !== null, localStorage.getItem('switchboard.token')])).toEqual([true, null]);
    const badge = async () => ((await sentToMain(page, 'sb:badge')) as number[]).at(-1);
    await expect.poll(badge).toBe(1);

    await sys.sim.contactSend(ALICE, { to: PHONE, text: '¿Abrís el sábado?' });
    const notified = async () => ((await sentToMain(page, 'sb:notify')) as Notified[]).filter((n) => n.body === '¿Abrís el sábado?');
    await expect.poll(async () => (await notified()).length).toBe(1);
    const [note] = await notified();
    expect(note).toMatchObject({ title: 'Alicia Gómez', route: `/inbox/${SESSION}/${encodeURIComponent(ALICE_JID)}` });
    expect(note!.replyTo).toEqual(expect.any(String));

    await emitFromMain(page, 'sb:notification-reply', { replyTo: note!.replyTo, text: 'Sí, de 10 a 14' });
    await expect.poll(() => sys.sim.received(ALICE).filter((m) => m.text === 'Sí, de 10 a 14').length).toBe(1);
    await row.getByText('Sí, de 10 a 14').waitFor();
    await expect.poll(badge).toBe(0);
    // Nothing else went out, and the page never asked main for anything outside the contract.
    expect(sys.sim.received(ALICE).map((m) => m.text)).toEqual(['Sí, de 10 a 14']);
  });

  it('opens the chat a deep link names', async () => {
    await emitFromMain(page, 'sb:navigate', `/inbox/${SESSION}/${encodeURIComponent(ALICE_JID)}`);
    await page.getByRole('log', { name: /Mensajes con Alicia Gómez/ }).getByText('Sí, de 10 a 14').waitFor();
  });
});
