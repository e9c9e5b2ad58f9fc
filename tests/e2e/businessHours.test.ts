/// <reference lib="dom" />
/**
 * *Mensajes automáticos* in a real browser over the real system and the WhatsApp simulator: an
 * administrator sets a session's hours from its screen (a split shift on Monday copied to the
 * working week, then — so the test does not depend on the clock — every day closed) with the
 * suggested away message, and a greeting for new customers; a new customer who writes gets the
 * greeting and the away reply once each on their phone, and the inbox shows them as *Respuesta
 * automática* while the chat still waits for a reply.
 */
import { startCall } from '@switchboard/wa-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedInPage } from './support/browser.ts';
import { checkScreen } from './support/checks.ts';
import { startSystem, type System } from './support/system.ts';

const SHOTS = 'console';
const SESSION = 'tienda';
const PHONE = '34600990001';
const CUSTOMER = '34611990001';
const CALL_MESSAGE = 'Ahora no podemos atender llamadas por WhatsApp. Escríbenos por aquí y te respondemos enseguida.';
const AWAY = '¡Hola! Gracias por escribirnos. Ahora mismo estamos cerrados; te responderemos en cuanto abramos.';
const HELLO = '¡Hola! Gracias por escribirnos. Enseguida te atiende una persona del equipo.';

let sys: System;
let browser: Browser;
let admin: Page;

beforeAll(async () => {
  sys = await startSystem('e2e_business_hours');
  const token = await sys.token(sys.adminEmail, sys.adminPassword);
  await sys.linkSession(token, { sessionId: SESSION, name: 'Tienda Centro', phone: PHONE });
  sys.sim.createContact({ phone: CUSTOMER, name: 'Nora Vidal' });
  browser = await launchBrowser();
  admin = await signedInPage(browser, sys.url, sys.adminEmail, `${sys.adminPassword}-own`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

describe('opening hours', () => {
  it('are set on the session screen; a new customer who writes while closed is greeted, then gets the away reply, once each', async () => {
    await admin.goto(`${sys.url}/sessions/${SESSION}`);
    const panel = admin.getByRole('region', { name: 'Mensajes automáticos' });
    await panel.getByText('Sin horario.', { exact: false }).waitFor();
    await panel.getByRole('button', { name: 'Configurar' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Mensajes automáticos de Tienda Centro' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Responder automáticamente cuando estamos cerrados').isChecked()).toBe(true);
    expect(await dialog.getByLabel('Mensaje fuera de horario').inputValue()).toBe(AWAY);
    // A split shift on Monday, copied to Tuesday–Friday.
    await dialog.getByRole('button', { name: 'Horario partido · lunes' }).click();
    await dialog.getByLabel('lunes · Cierra', { exact: true }).fill('14');
    await dialog.getByLabel('lunes · Abre 2').click();
    // Typed as people do; read as 24 h.
    expect(await dialog.getByLabel('lunes · Cierra', { exact: true }).inputValue()).toBe('14:00');
    await dialog.getByRole('button', { name: 'Copiar el lunes de martes a viernes' }).click();
    expect(await dialog.getByLabel('viernes · Abre 2').inputValue()).toBe('16:00');
    await checkScreen(admin, SHOTS, '25-business-hours', { keyboard: true });
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await panel.getByText('lun–vie 9:00–14:00 y 16:00–20:00 · sáb–dom cerrado').waitFor();
    await panel.getByText('Respuesta fuera de horario activada').waitFor();
    await screenshot(admin, SHOTS, '25b-business-hours-panel');

    // Every day closed, whatever the time of this run; and a greeting for new customers.
    await panel.getByRole('button', { name: 'Configurar' }).click();
    await dialog.getByLabel('Saludar a los clientes que escriben por primera vez').check();
    expect(await dialog.getByLabel('Mensaje de bienvenida').inputValue()).toBe(HELLO);
    for (const day of ['lunes', 'martes', 'miércoles', 'jueves', 'viernes']) await dialog.getByRole('checkbox', { name: `Abierto el ${day}` }).uncheck();
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await panel.getByText('lun–dom cerrado').waitFor();
    await panel.getByText('Ahora cerrado · ningún día abre').waitFor();
    await panel.getByText('Bienvenida activada').waitFor();

    await admin.goto(`${sys.url}/inbox`);
    await admin.getByRole('radio', { name: 'Todas' }).click();
    await sys.sim.contactSend(CUSTOMER, { to: PHONE, text: 'Hola, ¿a qué hora abrís mañana?' });
    await sys.sim.waitForReceived(CUSTOMER, (m) => m.text === AWAY, 30_000);
    // A new customer at night: welcomed, then told the business is closed.
    expect(sys.sim.received(CUSTOMER).map((m) => m.text)).toEqual([HELLO, AWAY]);
    await sys.sim.contactSend(CUSTOMER, { to: PHONE, text: 'Gracias' });
    const row = admin.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Nora Vidal/ });
    await row.getByText('Gracias').waitFor();
    // The list shows the customer's words and she still waits for a person.
    await row.getByText('Sin responder').waitFor();
    await row.click();
    const log = admin.getByRole('log');
    await log.getByText(AWAY).waitFor();
    // Both labelled: nobody on the team wrote them.
    await expect.poll(() => log.getByText('Respuesta automática', { exact: true }).count()).toBe(2);
    await screenshot(admin, 'inbox', '17-away-reply');
    await log.getByText(HELLO).waitFor();
    expect(sys.sim.received(CUSTOMER).map((m) => m.text)).toEqual([HELLO, AWAY]);
  });

  it('declines WhatsApp calls when asked: the caller gets the message once, and the thread says the call was rejected', async () => {
    await admin.goto(`${sys.url}/sessions/${SESSION}`);
    const panel = admin.getByRole('region', { name: 'Mensajes automáticos' });
    await panel.getByRole('button', { name: 'Configurar' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Mensajes automáticos de Tienda Centro' });
    const message = dialog.getByLabel('Mensaje a quien llama');
    expect(await message.isDisabled()).toBe(true);
    await dialog.getByLabel('Rechazar las llamadas').check();
    expect(await message.inputValue()).toBe(CALL_MESSAGE);
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await panel.getByText('Rechaza las llamadas').waitFor();
    await panel.getByText(CALL_MESSAGE).waitFor();

    const rejected = new Promise((resolve) => sys.sim.once('call-rejected', resolve));
    startCall(sys.sim, CUSTOMER, PHONE);
    await rejected;
    await sys.sim.waitForReceived(CUSTOMER, (m) => m.text === CALL_MESSAGE, 30_000);
    await admin.goto(`${sys.url}/inbox`);
    await admin.getByRole('radio', { name: 'Todas' }).click();
    const row = admin.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Nora Vidal/ });
    await row.click();
    const log = admin.getByRole('log');
    await log.getByText('Llamada de voz · rechazada automáticamente').waitFor();
    await log.getByText(CALL_MESSAGE).waitFor();
    await screenshot(admin, 'inbox', '29b-call-rejected');
    // Greeted and told it is closed before: neither comes again for the call.
    expect(sys.sim.received(CUSTOMER).map((m) => m.text)).toEqual([HELLO, AWAY, CALL_MESSAGE]);
  });
});
