import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  class Tray {
    static last: Tray;
    listeners: Record<string, () => void> = {};
    setContextMenu = vi.fn();
    setToolTip = vi.fn();
    destroy = vi.fn();
    constructor(readonly icon: unknown) {
      Tray.last = this;
    }
    on(event: string, cb: () => void) {
      this.listeners[event] = cb;
    }
  }
  return { Tray, Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })) } };
});
vi.mock('electron', () => electron);

const { createAppTray, trayMenuTemplate } = await import('./trayMenu.ts');
const { MESSAGES } = await import('./messages.ts');

const actions = () => ({ show: vi.fn(), hide: vi.fn(), quit: vi.fn(), toggle: vi.fn() });
type Item = { id?: string; label?: string; type?: string; click?: () => void };

describe('tray menu', () => {
  it('offers Show, Hide and Quit in Spanish', () => {
    const items = trayMenuTemplate(MESSAGES.es, actions()) as Item[];
    expect(items.filter((i) => i.type !== 'separator').map((i) => [i.id, i.label])).toEqual([
      ['show', 'Mostrar Switchboard'],
      ['hide', 'Ocultar'],
      ['quit', 'Salir'],
    ]);
  });

  it('offers Show, Hide and Quit in English', () => {
    const items = trayMenuTemplate(MESSAGES.en, actions()) as Item[];
    expect(items.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual(['Show Switchboard', 'Hide', 'Quit']);
  });

  it('wires each item to its action', () => {
    const a = actions();
    const items = trayMenuTemplate(MESSAGES.en, a) as Item[];
    for (const item of items) item.click?.();
    expect(a.show).toHaveBeenCalledOnce();
    expect(a.hide).toHaveBeenCalledOnce();
    expect(a.quit).toHaveBeenCalledOnce();
  });

  it('creates the tray with the menu, an unread tooltip and a click toggle', () => {
    const a = actions();
    const tray = createAppTray('icon' as never, MESSAGES.es, a);
    const t = electron.Tray.last;
    expect(t.icon).toBe('icon');
    expect(t.setContextMenu).toHaveBeenCalledWith({ template: expect.any(Array) });
    expect(t.setToolTip).toHaveBeenLastCalledWith('Switchboard');
    tray.setUnread(3);
    expect(t.setToolTip).toHaveBeenLastCalledWith('Switchboard: 3 conversaciones sin leer');
    tray.setUnread(1);
    expect(t.setToolTip).toHaveBeenLastCalledWith('Switchboard: 1 conversación sin leer');
    t.listeners.click!();
    expect(a.toggle).toHaveBeenCalled();
    tray.destroy();
    expect(t.destroy).toHaveBeenCalled();
  });
});

