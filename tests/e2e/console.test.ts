/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser)
/**
 * The console in a real browser against the real system and the WhatsApp simulator: first
 * sign-in with the generated password and its forced change, a session created, its QR shown
 * live and linked by a simulated phone (connected without a reload), the disconnect timeline
 * after the phone logs the device out, password recovery through the emailed link, and a
 * supervisor who sees no admin-only controls. Every screen is screenshotted, audited with axe
 * (no serious or critical violations) and walked with the keyboard alone.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, launchBrowser, newContext, screenshot, seriousA11yViolations } from './support/browser.ts';
import { tabWalk } from './support/keyboard.ts';
import { startSystem, type System } from './support/system.ts';

const SHOTS = 'console';
const PHONE = '34600700001';
const NEW_ADMIN_PASSWORD = 'Consola-segura-2026';

let sys: System;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;

/** Screenshot + axe audit of the current screen. */
async function check(name: string, p: Page = page): Promise<void> {
  await screenshot(p, SHOTS, name);
  const violations = await seriousA11yViolations(p);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

/** Every interactive element is reachable with Tab and visibly focused. */
async function keyboardOnly(name: string, p: Page = page): Promise<void> {
  const walk = await tabWalk(p);
  expect(walk.missed, `${name}: not reachable with Tab`).toEqual([]);
  expect(walk.withoutFocusStyle, `${name}: no visible focus`).toEqual([]);
}

beforeAll(async () => {
  sys = await startSystem('e2e_console');
  browser = await launchBrowser();
  ctx = await newContext(browser);
  page = await ctx.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

describe('console', () => {
  it('signs in with the generated password and makes the admin choose a new one', async () => {
    await page.goto(`${sys.url}/`);
    await page.getByRole('heading', { name: 'Inicia sesión' }).waitFor();
    await check('01-login');
    await keyboardOnly('login');
    // Keyboard only: the email field has focus; type, Tab to the password, Enter submits.
    await page.getByLabel('Correo electrónico').focus();
    await page.keyboard.type(sys.adminEmail);
    await page.keyboard.press('Tab');
    await page.keyboard.type(sys.adminPassword);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Cambia tu contraseña' }).waitFor();
    await check('02-forced-password-change');
    await page.getByLabel('Contraseña actual').fill(sys.adminPassword);
    await page.getByLabel('Contraseña nueva', { exact: true }).fill(NEW_ADMIN_PASSWORD);
    await page.getByLabel('Repite la contraseña nueva').fill(NEW_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { name: 'Panel' }).waitFor();
    await page.getByRole('heading', { name: 'Salud del servidor' }).waitFor();
    // The team board: the admin is online (live, from the socket).
    const team = page.getByRole('table', { name: 'Equipo' });
    await team.getByRole('row', { name: /Admin.*En línea/ }).waitFor();
    // A new installation: the first steps, none done, the first one leading to a new session.
    const steps = page.getByRole('region', { name: 'Primeros pasos' }).getByRole('listitem');
    expect(await steps.locator('strong').allTextContents()).toEqual(['Vincula una cuenta de WhatsApp', 'Invita a tu equipo', 'Asigna conversaciones']);
    expect(await page.getByRole('link', { name: 'Ir a Sesiones' }).getAttribute('href')).toBe('/sessions?new=1');
    await check('03-dashboard');
    await keyboardOnly('dashboard');
  });

  it('creates a session, shows its QR live and turns connected when the phone links it', async () => {
    // `g s` jumps to the sessions screen.
    await page.keyboard.press('g');
    await page.keyboard.press('s');
    await page.getByRole('heading', { name: 'Sesiones de WhatsApp' }).waitFor();
    await page.getByRole('button', { name: 'Nueva sesión' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Nueva sesión' });
    await dialog.getByLabel('Nombre').fill('Ventas Madrid');
    await dialog.getByLabel('Identificador (opcional)').fill('ventas');
    await check('04-create-session');
    await keyboardOnly('create dialog');
    await dialog.getByRole('button', { name: 'Crear y vincular' }).click();

    const link = page.getByRole('dialog', { name: 'Vincular «Ventas Madrid»' });
    const qrImage = link.locator('img[data-qr]');
    await qrImage.waitFor({ timeout: 60_000 });
    await link.getByText(/El código caduca en \d+ s/).waitFor();
    await check('05-link-qr');
    const qr = (await qrImage.getAttribute('data-qr'))!;
    expect(qr.split(',').length).toBeGreaterThanOrEqual(4);

    sys.sim.createPhone({ phone: PHONE, name: 'Ventas Madrid' });
    await sys.sim.scanQr(PHONE, qr);
    // No reload: the dialog hears the session connect over Socket.IO.
    await link.getByText(`¡Vinculada! La sesión está conectada como +${PHONE}.`).waitFor({ timeout: 60_000 });
    await check('06-linked');
    await link.getByRole('button', { name: 'Listo' }).click();

    const row = page.getByRole('row', { name: /Ventas Madrid/ });
    await row.getByText('Conectada').waitFor();
    await row.getByText(`+${PHONE}`).waitFor();
    await check('07-sessions');
    await keyboardOnly('sessions');
    // On a 1280-pixel laptop screen the table fits: no sideways scrolling to reach a row's actions.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.locator('.table-wrap').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.setViewportSize({ width: 1360, height: 860 });
  });

  it('shows the disconnect timeline when the phone logs the device out, live', async () => {
    await page.getByRole('link', { name: 'Ventas Madrid' }).click();
    await page.getByRole('heading', { name: 'Ventas Madrid' }).waitFor();
    const timeline = page.getByRole('list', { name: 'Historial de conexión' });
    await timeline.locator('[data-kind="connected"]').first().waitFor();
    expect(await page.getByTestId('pid').textContent()).toMatch(/^\d+$/);
    await check('08-session-detail');
    await keyboardOnly('session detail');

    sys.sim.unlink(PHONE);
    await timeline.locator('[data-kind="logged_out"]').first().waitFor({ timeout: 60_000 });
    await page.getByText('Sesión cerrada en el teléfono').first().waitFor();
    // The way back is offered in place, without deleting the session.
    await page.getByRole('button', { name: 'Volver a vincular' }).waitFor();
    await check('09-session-logged-out');
  });

  it('jumps anywhere from the command palette (Ctrl+K): a session found on the server, a screen, a command', async () => {
    const palette = page.getByRole('dialog', { name: 'Buscar o ir a…' });
    const box = palette.getByRole('combobox', { name: 'Buscar o ir a…' });
    // The sidebar's button opens it too; a word inside the name finds the session, selected first.
    await page.getByRole('button', { name: 'Buscar…', exact: true }).click();
    // Before typing: every screen this admin may open, with its `g` keys, and the commands.
    const places = palette.getByRole('group', { name: 'Ir a' }).getByRole('option');
    expect(await places.allTextContents()).toEqual(['Bandejag i', 'Panelg d', 'Informesg e', 'Sesionesg s', 'Asignacionesg a', 'Usuariosg u', 'Roles y permisosg r', 'Integracionesg w', 'Auditoríag l']);
    await palette.getByRole('group', { name: 'Acciones' }).getByRole('option', { name: 'Cambiar el idioma a English' }).waitFor();
    await check('21-command-palette-empty');
    await box.fill('madrid');
    const hit = palette.getByRole('group', { name: 'Sesiones' }).getByRole('option', { name: /Ventas Madrid/ });
    await hit.waitFor();
    expect(await hit.getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await hit.getAttribute('id'));
    await check('22-command-palette');
    await box.press('Escape');
    await palette.waitFor({ state: 'hidden' });

    // Enter pressed before the search answered waits for it and opens its first hit.
    await page.goto(`${sys.url}/dashboard`);
    await page.getByRole('heading', { name: 'Panel' }).waitFor();
    // The session was linked (and logged out since): that first step is ticked. Hidden, the
    // panel stays hidden.
    const firstSteps = page.getByRole('region', { name: 'Primeros pasos' });
    expect(await firstSteps.locator('li.done strong').allTextContents()).toEqual(['Vincula una cuenta de WhatsApp']);
    await firstSteps.getByRole('button', { name: 'Ocultar' }).click();
    await firstSteps.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: 'Salud del servidor' }).waitFor();
    expect(await firstSteps.count()).toBe(0);
    await page.keyboard.press('Control+k');
    await box.fill('ventas');
    await box.press('Enter');
    await page.waitForURL(/\/sessions\/ventas$/);
    await page.getByRole('heading', { name: 'Ventas Madrid' }).waitFor();

    // A screen, typed without its accent; arrows move the selection.
    await page.keyboard.press('Control+k');
    await box.fill('auditoria');
    await palette.getByRole('option', { name: /Auditoría/ }).waitFor();
    await box.press('Enter');
    await page.getByRole('heading', { name: 'Auditoría', exact: true }).waitFor();

    // A command: a new session opens its form on the sessions screen, once.
    await page.keyboard.press('Control+k');
    await box.fill('nueva sesion');
    await palette.getByRole('option', { name: /Nueva sesión de WhatsApp/ }).waitFor();
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    await box.press('Enter');
    const create = page.getByRole('dialog', { name: 'Nueva sesión' });
    await create.getByLabel('Nombre').waitFor();
    expect(new URL(page.url()).search).toBe('');
    await create.getByRole('button', { name: 'Cancelar' }).click();
    await create.waitFor({ state: 'hidden' });
  });

  it('shows users, roles, assignments and the audit log', async () => {
    for (const [nav, heading, shot] of [
      ['Usuarios', 'Usuarios', '10-users'],
      ['Roles y permisos', 'Roles y permisos', '11-roles'],
      ['Asignaciones', 'Asignaciones', '12-assignments'],
      ['Auditoría', 'Auditoría', '13-audit'],
      ['Bandeja', 'Bandeja', '14-inbox'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: nav }).click();
      await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
      // The screen as it is used, not its first load.
      await page.locator('main .loading').waitFor({ state: 'detached' });
      await check(shot);
      await keyboardOnly(heading);
    }
    // The audit log names what happened to the session, with who did it.
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Auditoría' }).click();
    await page.getByRole('table').getByText('Admin').first().waitFor();
  });

  it("duplicates the employee's role into a salesperson's that may start conversations", async () => {
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Roles y permisos' }).click();
    await page.getByRole('row', { name: /Empleado/ }).getByRole('button', { name: /^Más acciones/ }).click();
    await page.getByRole('menuitem', { name: 'Duplicar' }).click();
    const editor = page.getByRole('dialog', { name: 'Nuevo rol' });
    await editor.getByLabel('Nombre').fill('Comercial');
    // Conversaciones keeps "only assigned" for reading; starting one is not narrowed by it.
    expect(await editor.getByRole('checkbox', { name: 'Solo conversaciones asignadas: Conversaciones' }).isChecked()).toBe(true);
    await editor.getByRole('checkbox', { name: 'Crear Conversaciones' }).check();
    await editor.getByRole('button', { name: 'Crear rol' }).click();
    await editor.waitFor({ state: 'hidden' });
    const roles = await sys.api<{ data: { name: string; permissions: { action: string; subject: string; conditions?: unknown }[] }[] }>('GET', '/api/roles', await sys.token(sys.adminEmail, NEW_ADMIN_PASSWORD));
    const chatRules = roles.body.data.find((r) => r.name === 'Comercial')!.permissions.filter((p) => p.subject === 'Chat');
    expect(chatRules).toEqual([{ action: 'read', subject: 'Chat', conditions: { assigned: true } }, { action: 'create', subject: 'Chat' }]);
  });

  it('recovers a forgotten password through the emailed link', async () => {
    const anon = await newContext(browser);
    const p = await anon.newPage();
    await p.goto(`${sys.url}/login`);
    await p.getByRole('link', { name: '¿Olvidaste tu contraseña?' }).click();
    await p.getByRole('heading', { name: 'Recuperar contraseña' }).waitFor();
    await p.getByLabel('Correo electrónico').fill(sys.adminEmail);
    await check('15-forgot-password', p);
    await p.getByRole('button', { name: 'Enviar enlace' }).click();
    await p.getByText(/Si hay una cuenta con ese correo/).waitFor();
    // The admin's inbox also holds the confirmation of the first password change: read on to the link.
    let link: string | undefined;
    while (!link) link = /(http:\/\/127\.0\.0\.1:\d+\/reset-password\?token=[\w-]+)/.exec((await sys.mailbox.next(sys.adminEmail)).text)?.[1];
    await p.goto(link!);
    await p.getByRole('heading', { name: 'Crea una contraseña nueva' }).waitFor();
    await p.getByLabel('Contraseña nueva').fill('Recuperada-2026-xyz');
    await p.getByLabel('Repite la contraseña').fill('Recuperada-2026-xyz');
    await check('16-reset-password', p);
    await p.getByRole('button', { name: 'Guardar contraseña' }).click();
    await p.getByText('Contraseña cambiada. Ya puedes iniciar sesión con ella.').waitFor();
    await p.getByRole('heading', { name: 'Inicia sesión' }).waitFor();
    await p.getByLabel('Correo electrónico').fill(sys.adminEmail);
    await p.getByLabel('Contraseña', { exact: true }).fill('Recuperada-2026-xyz');
    await p.getByRole('button', { name: 'Entrar' }).click();
    await p.waitForURL('**/dashboard');
    await anon.close();

    // A link into the console opened signed out (a bookmark, a shared URL) lands there after signing in.
    const linked = await newContext(browser);
    const q = await linked.newPage();
    await q.goto(`${sys.url}/audit?action=auth.login`);
    await q.getByRole('heading', { name: 'Inicia sesión' }).waitFor();
    await q.getByLabel('Correo electrónico').fill(sys.adminEmail);
    await q.getByLabel('Contraseña', { exact: true }).fill('Recuperada-2026-xyz');
    await q.getByRole('button', { name: 'Entrar' }).click();
    await q.waitForURL('**/audit?action=auth.login');
    await q.getByRole('heading', { name: 'Auditoría' }).waitFor();
    expect(q.url()).toBe(`${sys.url}/audit?action=auth.login`);
    await linked.close();
  });

  it('shows a supervisor no admin-only controls', async () => {
    const admin = await sys.token(sys.adminEmail, 'Recuperada-2026-xyz');
    const created = await sys.api('POST', '/api/users', admin, { name: 'Sara Supervisora', email: 'sara@e2e.test', password: 'Sara-temporal-1', role: 'supervisor' });
    expect(created.status).toBe(201);
    const supCtx = await newContext(browser);
    const p = await supCtx.newPage();
    await p.goto(`${sys.url}/login`);
    await p.getByLabel('Correo electrónico').fill('sara@e2e.test');
    await p.getByLabel('Contraseña', { exact: true }).fill('Sara-temporal-1');
    await p.getByRole('button', { name: 'Entrar' }).click();
    // An account made by an admin starts with a password to replace.
    await p.getByRole('heading', { name: 'Cambia tu contraseña' }).waitFor();
    await p.getByLabel('Contraseña actual').fill('Sara-temporal-1');
    await p.getByLabel('Contraseña nueva', { exact: true }).fill('Sara-propia-2026');
    await p.getByLabel('Repite la contraseña nueva').fill('Sara-propia-2026');
    await p.getByRole('button', { name: 'Cambiar contraseña' }).click();
    await p.getByRole('heading', { name: 'Panel' }).waitFor();
    await p.getByRole('heading', { name: 'Alertas' }).waitFor();
    expect(await p.getByRole('heading', { name: 'Salud del servidor' }).count()).toBe(0);
    // Her team board lists her, online, and never the admin.
    const team = p.getByRole('table', { name: 'Equipo' });
    await team.getByRole('row', { name: /Sara Supervisora.*En línea/ }).waitFor();
    expect(await team.getByRole('row', { name: /Administrador/ }).count()).toBe(0);
    await check('17-supervisor-dashboard', p);

    await p.goto(`${sys.url}/roles`);
    await p.getByRole('heading', { name: 'Roles y permisos', exact: true }).waitFor();
    expect(await p.getByRole('button', { name: 'Nuevo rol' }).count()).toBe(0);
    await check('18-supervisor-roles', p);

    await p.goto(`${sys.url}/users`);
    // Supervisors never manage admins, so they do not see them either (issue 12: the list is scoped by the role's rules).
    const selfRow = p.getByRole('row', { name: /sara@e2e\.test/ });
    await selfRow.waitFor();
    expect(await p.getByRole('row', { name: new RegExp(sys.adminEmail) }).count()).toBe(0);
    await check('19-supervisor-users', p);

    // A colleague's link to a screen her role does not open says so, and leads her back; a wrong link says it does not exist.
    await p.goto(`${sys.url}/integrations`);
    await p.getByText('No tienes acceso a esta página.').waitFor();
    await p.getByText('Tu rol no incluye esta sección', { exact: false }).waitFor();
    await p.getByRole('button', { name: 'Ir al inicio' }).click();
    await p.waitForURL(`${sys.url}/dashboard`);
    await p.goto(`${sys.url}/sesiones`);
    await p.getByText('Esta página no existe.').waitFor();
    expect(await p.getByText('No tienes acceso a esta página.').count()).toBe(0);

    // Light or dark, as she chooses on this device (Apariencia), else as the system says.
    const theme = () => p.evaluate(() => [document.documentElement.dataset.theme, getComputedStyle(document.body).backgroundColor]);
    const appearance = async (name: string) => {
      await p.getByRole('button', { name: 'Sara Supervisora Supervisor' }).click();
      await p.getByRole('menuitemradio', { name }).click();
    };
    await p.goto(`${sys.url}/dashboard`);
    await p.getByRole('heading', { name: 'Alertas' }).waitFor();
    expect(await theme()).toEqual(['light', 'rgb(244, 246, 248)']);
    await appearance('Oscura');
    expect(await theme()).toEqual(['dark', 'rgb(13, 20, 25)']);
    await check('17b-supervisor-dark', p);
    await p.reload();
    await p.getByRole('heading', { name: 'Alertas' }).waitFor();
    expect(await theme()).toEqual(['dark', 'rgb(13, 20, 25)']);
    await p.emulateMedia({ colorScheme: 'light' });
    expect((await theme())[0]).toBe('dark');
    await appearance('Como el sistema');
    expect((await theme())[0]).toBe('light');
    await p.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(async () => (await theme())[0]).toBe('dark');
    await p.emulateMedia({ colorScheme: 'light' });
    await expect.poll(async () => (await theme())[0]).toBe('light');

    // On a small laptop screen the sidebar keeps its icons; links and the account menu keep their names.
    await p.setViewportSize({ width: 1024, height: 700 });
    const sessionsLink = p.getByRole('link', { name: 'Sesiones' });
    expect(await sessionsLink.isVisible()).toBe(true);
    expect((await sessionsLink.boundingBox())!.width).toBeLessThanOrEqual(64);
    expect(await p.getByRole('button', { name: 'Sara Supervisora Supervisor' }).isVisible()).toBe(true);
    await check('20-supervisor-narrow', p);

    // The foot of the sidebar switches it either way, and the choice outlives a reload and the window's width.
    await p.getByRole('button', { name: 'Expandir el menú' }).click();
    await expect.poll(async () => (await sessionsLink.boundingBox())!.width).toBeGreaterThan(150);
    await p.reload();
    await p.getByRole('button', { name: 'Contraer el menú' }).waitFor();
    expect((await sessionsLink.boundingBox())!.width).toBeGreaterThan(150);
    await p.getByRole('button', { name: 'Contraer el menú' }).click();
    await p.setViewportSize({ width: 1360, height: 800 });
    await p.getByRole('button', { name: 'Expandir el menú' }).waitFor();
    expect((await sessionsLink.boundingBox())!.width).toBeLessThanOrEqual(64);
    await check('20b-sidebar-collapsed', p);
    // The command palette does the same.
    await p.keyboard.press('Control+k');
    await p.getByRole('combobox', { name: 'Buscar o ir a…' }).fill('menú lateral');
    await p.getByRole('option', { name: /Contraer o expandir el menú lateral/ }).click();
    await p.getByRole('button', { name: 'Contraer el menú' }).waitFor();
    expect((await sessionsLink.boundingBox())!.width).toBeGreaterThan(150);
    await supCtx.close();
  });
});
