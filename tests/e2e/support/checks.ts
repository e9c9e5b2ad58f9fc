/**
 * What every screen of the browser tests is held to: a screenshot to look at, no serious or
 * critical axe-core violations and, with `keyboard`, every interactive element reachable with
 * Tab alone and visibly focused.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeViolations, screenshot, seriousA11yViolations } from './browser.ts';
import { tabWalk } from './keyboard.ts';

/** Screenshot into `folder` + axe audit (+ a keyboard walk) of the page's current screen or open dialog. */
export async function checkScreen(page: Page, folder: string, name: string, opts: { keyboard?: boolean } = {}): Promise<void> {
  await screenshot(page, folder, name);
  const violations = await seriousA11yViolations(page);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  if (!opts.keyboard) return;
  const walk = await tabWalk(page);
  expect(walk.missed, `${name}: not reachable with Tab`).toEqual([]);
  expect(walk.withoutFocusStyle, `${name}: no visible focus`).toEqual([]);
}
