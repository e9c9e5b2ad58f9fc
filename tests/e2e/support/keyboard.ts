/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser)
/**
 * Keyboard-only checks: every interactive element of the screen (or open dialog) receives
 * focus by pressing Tab alone, and shows a visible focus indicator when it does.
 */
import type { Page } from 'playwright-core';

/** What one Tab walk found. */
export interface TabWalk {
  interactive: string[];
  reached: string[];
  missed: string[];
  withoutFocusStyle: string[];
}

/** Presses Tab through the page (or the open modal dialog) and reports what was reached. */
export async function tabWalk(page: Page): Promise<TabWalk> {
  const interactive = await page.evaluate(() => {
    // Ids of an earlier walk would label this one's elements wrongly.
    for (const el of document.querySelectorAll<HTMLElement>('[data-tab-id]')) delete el.dataset.tabId;
    const scope: ParentNode = document.querySelector('dialog[open]') ?? document;
    const sel = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
    const els = [...scope.querySelectorAll<HTMLElement>(sel)].filter((el) => {
      if (el.tabIndex < 0 || el.closest('[inert]') || el.hidden) return false;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    });
    return els.map((el, i) => {
      el.dataset.tabId = String(i);
      const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
      return `${i}:${el.tagName.toLowerCase()}:${name || (el as HTMLInputElement).name || el.getAttribute('placeholder') || ''}`;
    });
  });
  const reached = new Set<string>();
  const withoutFocusStyle = new Set<string>();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < interactive.length + 8; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el?.dataset.tabId) return null;
      const s = getComputedStyle(el);
      const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      return { id: el.dataset.tabId, visible };
    });
    if (!info) continue;
    const label = interactive.find((x) => x.startsWith(`${info.id}:`))!;
    reached.add(label);
    if (!info.visible) withoutFocusStyle.add(label);
  }
  // An element that left the page during the walk (a toast that timed out) could not be reached.
  const present = new Set(await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-tab-id]')].map((el) => el.dataset.tabId!)));
  const missed = interactive.filter((x) => !reached.has(x) && present.has(x.slice(0, x.indexOf(':'))));
  return { interactive, reached: [...reached], missed, withoutFocusStyle: [...withoutFocusStyle] };
}
