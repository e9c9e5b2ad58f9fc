/// <reference lib="dom" />
/**
 * A voice note from the inbox in a real browser (Chromium's fake microphone) over the real system
 * and the WhatsApp simulator: Elena records, discards one, records another and sends it; the
 * customer's phone gets a voice note (ptt) as WhatsApp plays them — Opus in Ogg, converted by the
 * server from what the browser recorded — and the thread shows it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';
import { addTeam, customerAssignedTo } from './support/team.ts';

const SESSION = 'tienda';
const PHONE = '34600996001';
const ALICIA = '34611996001';
const CHAT = `${ALICIA}@s.whatsapp.net`;

let sys: System;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  sys = await startSystem('e2e_voice');
  const admin = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(admin, { sessionId: SESSION, name: 'Tienda Centro', phone: PHONE });
  sys.sim.createContact({ phone: ALICIA, name: 'Alicia Gómez' });
  const team = await addTeam(sys, admin);
  await customerAssignedTo(sys, admin, { sessionId: SESSION, phone: PHONE, customer: ALICIA, text: '¿Me lo puedes explicar por audio?', userId: team.elena.id });
  browser = await launchBrowser();
  page = await signedInPage(browser, sys.url, team.elena.email, team.elena.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

describe('voice notes', () => {
  it('records in the reply box and reaches the phone as a voice note in Opus/Ogg', async () => {
    await page.goto(`${sys.url}/inbox/${SESSION}/${encodeURIComponent(CHAT)}`);
    await page.getByRole('heading', { name: 'Alicia Gómez' }).waitFor();
    const bar = page.getByRole('group', { name: 'Grabando nota de voz' });

    // One discarded: nothing is sent.
    await page.getByRole('button', { name: 'Grabar nota de voz' }).click();
    await bar.waitFor();
    await bar.getByRole('button', { name: 'Descartar' }).click();
    await bar.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Grabar nota de voz' }).click();
    await bar.getByText('0:02').waitFor();
    await checkScreen(page, 'inbox', '22-voice-recording', { keyboard: true });
    // Stopped, it waits to be heard; nothing goes until it is sent.
    await bar.getByRole('button', { name: 'Detener y escuchar' }).click();
    const review = page.getByRole('group', { name: 'Nota de voz grabada' });
    const player = review.getByLabel('Escuchar la nota de voz');
    await expect.poll(() => player.evaluate((a: HTMLAudioElement) => a.src)).toMatch(/^blob:/);
    expect(await review.getByText(/^0:0[2-9]$/).count()).toBe(1);
    await checkScreen(page, 'inbox', '22b-voice-review', { keyboard: true });
    expect(sys.sim.received(ALICIA).filter((m) => m.kind === 'ptt')).toHaveLength(0);
    await review.getByRole('button', { name: 'Enviar nota de voz' }).click();
    await review.waitFor({ state: 'detached' });

    const note = await sys.sim.waitForReceived(ALICIA, (m) => m.kind === 'ptt', 30_000);
    expect(note.mimetype).toBe('audio/ogg; codecs=opus');
    expect(note.media!.subarray(0, 4).toString('latin1')).toBe('OggS');
    expect(sys.sim.received(ALICIA).filter((m) => m.kind === 'ptt')).toHaveLength(1);
    await page.getByRole('log', { name: /Mensajes con Alicia Gómez/ }).getByText('Nota de voz').waitFor();
  });
});
