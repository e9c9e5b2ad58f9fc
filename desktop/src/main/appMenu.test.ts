import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate } from './appMenu.ts';
import { MESSAGES } from './messages.ts';

const CHECK = 'Buscar actualizaciones…';
const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label);
const flat = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);

describe('application menu', () => {
  it('is labelled in Spanish, standard roles included', () => {
    const menu = appMenuTemplate(MESSAGES.es, 'linux', { quit: vi.fn(), about: vi.fn(), checkUpdates: vi.fn() }, false, CHECK);
    expect(labels(menu)).toEqual(['Archivo', 'Edición', 'Ver', 'Ventana', 'Ayuda']);
    const all = flat(menu);
    expect(all.find((i) => i.role === 'copy')?.label).toBe('Copiar');
    expect(all.find((i) => i.role === 'paste')?.label).toBe('Pegar');
  });

  it('routes Quit through the confirmation instead of the quit role', () => {
    const quit = vi.fn();
    const item = flat(appMenuTemplate(MESSAGES.en, 'win32', { quit, about: vi.fn(), checkUpdates: vi.fn() }, false, CHECK)).find((i) => i.id === 'quit')!;
    expect(item.role).toBeUndefined();
    (item.click as () => void)();
    expect(quit).toHaveBeenCalled();
  });

  it('has the app menu first on macOS', () => {
    const menu = appMenuTemplate(MESSAGES.en, 'darwin', { quit: vi.fn(), about: vi.fn(), checkUpdates: vi.fn() }, false, CHECK);
    expect(labels(menu)).toEqual(['Switchboard', 'Edit', 'View', 'Window']);
  });

  it('offers developer tools only in development', () => {
    const has = (devTools: boolean) => flat(appMenuTemplate(MESSAGES.en, 'linux', { quit: vi.fn(), about: vi.fn(), checkUpdates: vi.fn() }, devTools, CHECK)).some((i) => i.role === 'toggleDevTools');
    expect(has(false)).toBe(false);
    expect(has(true)).toBe(true);
  });

  it('offers Buscar actualizaciones… in Help (the app menu on macOS), which checks at once', () => {
    const checkUpdates = vi.fn();
    for (const platform of ['linux', 'darwin'] as const) {
      const item = flat(appMenuTemplate(MESSAGES.es, platform, { quit: vi.fn(), about: vi.fn(), checkUpdates }, false, CHECK)).find((i) => i.id === 'check-updates')!;
      expect(item.label).toBe(CHECK);
      (item.click as () => void)();
    }
    expect(checkUpdates).toHaveBeenCalledTimes(2);
  });
});
