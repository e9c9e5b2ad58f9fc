/**
 * The /api/docs page in a real headless Chromium: swagger-ui is served by the gateway itself
 * (no CDN request leaves the server) and renders the sections of /api/openapi.json, each
 * opening on its operations.
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

let w: GatewayWorld;
let browser: Browser;

beforeAll(async () => {
  w = await openGateway('gw-docs');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await w?.close();
});

describe('API docs page', () => {
  it('renders the operations of the OpenAPI document from local assets only', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    const failed: string[] = [];
    page.on('request', (req) => requested.push(req.url()));
    page.on('requestfailed', (req) => failed.push(req.url()));
    page.on('pageerror', (err) => failed.push(`pageerror: ${err.message}`));
    await page.goto(`${w.url}/api/docs`);
    // Every section is listed, closed; opening one shows its operations.
    const tags = page.locator('.opblock-tag');
    await tags.filter({ hasText: 'Media' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    expect(await tags.count()).toBeGreaterThanOrEqual(10);
    await tags.filter({ hasText: 'Auth' }).first().click();
    const login = page.locator('.opblock-summary', { hasText: '/api/auth/login' });
    await login.first().waitFor({ state: 'visible', timeout: 20_000 });
    await expect(login.first().textContent()).resolves.toContain('Sign in with email and password');
    // Media routes are part of the same document.
    await tags.filter({ hasText: 'Media' }).first().click();
    await page.locator('.opblock-summary', { hasText: '/api/media/{fileId}/download' }).first().waitFor({ state: 'visible' });
    expect(requested).toContain(`${w.url}/api/openapi.json`);
    expect(requested.filter((u) => !u.startsWith(w.url) && !u.startsWith('data:'))).toEqual([]);
    expect(failed).toEqual([]);
    await page.close();
  });
});
