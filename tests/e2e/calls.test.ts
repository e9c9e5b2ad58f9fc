/// <reference lib="dom" />
/**
 * WhatsApp calls in the inbox, in a real browser over the real system and the WhatsApp simulator:
 * a customer calls the shop's number and nobody answers; Elena's open thread shows *Llamada de voz
 * perdida*, the list says *📞 Llamada perdida*, a notification tells her and the chat waits for
 * a reply. A video call answered on the shop's phone shows as answered and asks for nothing.
 * While a call rings, the thread and the list say so (*llamando por WhatsApp…*), so someone can
 * pick up the shop's phone.
 */
import { endCall, startCall } from '@switchboard/wa-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, notificationsOf, recordNotifications, signIn } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';
import { addTeam, customerAssignedTo } from './support/team.ts';

const SESSION = 'tienda';
const PHONE = '34600995001';
const ALICIA = '34611995001';
const CHAT = `${ALICIA}@s.whatsapp.net`;

let sys: System;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  sys = await startSystem('e2e_calls');
  const admin = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(admin, { sessionId: SESSION, name: 'Tienda Centro', phone: PHONE });
  sys.sim.createContact({ phone: ALICIA, name: 'Alicia Gómez' });
  const team = await addTeam(sys, admin);
  await customerAssignedTo(sys, admin, { sessionId: SESSION, phone: PHONE, customer: ALICIA, text: '¿Os puedo llamar?', userId: team.elena.id });
  browser = await launchBrowser();
  const context = await newContext(browser);
  await recordNotifications(context, sys.url);
  page = await context.newPage();
  await signIn(page, sys.url, team.elena.email, team.elena.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

const row = () => page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Alicia Gómez/ });

describe('calls to the account', () => {
  it('shows a missed call in the open thread and the list, waiting for a reply; one answered on the phone asks for nothing', async () => {
    await page.goto(`${sys.url}/inbox/${SESSION}/${encodeURIComponent(CHAT)}`);
    await page.getByRole('heading', { name: 'Alicia Gómez' }).waitFor();
    // Answered in writing first: the chat waits for nobody.
    await page.getByRole('textbox', { name: /Mensaje para Alicia Gómez/ }).fill('Claro, cuando quieras');
    await page.getByRole('textbox', { name: /Mensaje para Alicia Gómez/ }).press('Enter');
    await sys.sim.waitForReceived(ALICIA, (m) => m.text === 'Claro, cuando quieras');
    await expect.poll(() => row().getByText('Sin responder', { exact: false }).count()).toBe(0);

    // While a call rings, the thread and the list say so, to pick up on the phone; it goes when the call ends.
    const ringing = startCall(sys.sim, ALICIA, PHONE);
    const header = page.locator('.thread-title');
    await header.getByText('llamando por WhatsApp… contesta desde el teléfono').waitFor();
    await row().getByText('📞 Llamando…').waitFor();
    await checkScreen(page, 'inbox', '29a-call-ringing');
    endCall(sys.sim, ringing.callId, 'accept');
    await page.getByRole('log').getByText('Llamada de voz · atendida en el teléfono').waitFor();
    await header.getByText('llamando por WhatsApp', { exact: false }).waitFor({ state: 'detached' });
    expect(await row().getByText('📞 Llamando…').count()).toBe(0);

    // With the chat closed: the missed call notifies, the one answered on the phone does not.
    await page.getByRole('button', { name: 'Cerrar conversación' }).click();
    // Closed before it rings: a call the user is looking at does not notify.
    await page.getByText('Elige una conversación').waitFor();
    const missed = startCall(sys.sim, ALICIA, PHONE);
    endCall(sys.sim, missed.callId, 'timeout');
    await row().getByText('📞 Llamada perdida').waitFor();
    await row().getByText('Sin responder', { exact: false }).waitFor();
    const answered = startCall(sys.sim, ALICIA, PHONE, { video: true });
    endCall(sys.sim, answered.callId, 'accept');
    await row().getByText('📹 Videollamada atendida en el teléfono').waitFor();
    await expect.poll(async () => (await notificationsOf(page)).filter((n) => n.title === 'Alicia Gómez').map((n) => n.body)).toEqual(['📞 Llamada perdida']);

    await row().click();
    const log = page.getByRole('log');
    await log.getByText('Llamada de voz perdida').waitFor();
    await log.getByText('Videollamada · atendida en el teléfono').waitFor();
    await checkScreen(page, 'inbox', '29-calls');
    // Calls cannot be quoted, reacted to or forwarded: no actions beside them.
    const call = page.locator('.msg[data-kind="call"]').first();
    await call.hover();
    expect(await call.getByRole('button').count()).toBe(0);
  });
});
