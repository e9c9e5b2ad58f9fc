/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser)
/**
 * Headless Chromium for the browser tests (Debian's chromium through playwright-core, never a
 * downloaded browser), screenshots into test-results/screenshots, and an axe-core audit of the
 * page (axe is evaluated through the DevTools protocol, which the console's strict CSP allows).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Where the screenshots of a run go (one folder per test file). */
export const SCREENSHOT_DIR = join(root, 'test-results', 'screenshots');

/** Launches the headless browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
}

/** A browser context as a Spanish-speaking user on a laptop screen. */
export function newContext(browser: Browser, opts: { locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ locale: opts.locale ?? 'es-ES', viewport: { width: 1360, height: 860 }, timezoneId: 'Europe/Madrid' });
}

/** Saves a screenshot `<folder>/<name>.png` and returns its path. */
export async function screenshot(page: Page, folder: string, name: string, fullPage = false): Promise<string> {
  const dir = join(SCREENSHOT_DIR, folder);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  // Transitions finished: a screenshot right after a change shows its end, not a blend.
  await page.screenshot({ path, fullPage, animations: 'disabled' });
  return path;
}

let axeSource: string | null = null;

/** One accessibility violation, as axe reports it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page and returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(join(root, 'desktop', 'package.json')).resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(axeSource);
  const result = (await page.evaluate(`window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)) as AxeViolation[];
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable summary of violations (for assertion messages). */
export function describeViolations(v: AxeViolation[]): string {
  return v.map((x) => `${x.id} (${x.impact}): ${x.help} → ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}

/** Records every Notification the page creates (the browser API itself; the app's code runs unchanged). */
export async function recordNotifications(context: BrowserContext, origin: string): Promise<void> {
  await context.grantPermissions(['notifications'], { origin });
  await context.addInitScript(() => {
    const seen: { title: string; body: string; tag: string }[] = [];
    (window as unknown as { __notifications: typeof seen }).__notifications = seen;
    const Real = window.Notification;
    class Recording extends Real {
      constructor(title: string, opts?: NotificationOptions) {
        super(title, opts);
        seen.push({ title, body: opts?.body ?? '', tag: opts?.tag ?? '' });
      }
    }
    Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
    window.Notification = Recording as typeof Notification;
  });
}

/** The notifications the page created so far. */
export function notificationsOf(page: Page): Promise<{ title: string; body: string; tag: string }[]> {
  return page.evaluate(() => (window as unknown as { __notifications: { title: string; body: string; tag: string }[] }).__notifications ?? []);
}

/** Signs in through the login screen of `origin` and waits to leave it (for the screen a role lands on). */
export async function signIn(page: Page, origin: string, email: string, password: string): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** A new browser context signed in as `email` (its own cookies and storage): the page. */
export async function signedInPage(browser: Browser, origin: string, email: string, password: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await signIn(page, origin, email, password);
  return page;
}
