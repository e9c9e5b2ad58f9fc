import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { MESSAGES } from './messages.ts';
import { createQuitFlow } from './quitFlow.ts';

function setup(unread: number, response = 0) {
  const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
  const dialog = { showMessageBox: vi.fn(async () => ({ response, checkboxChecked: false })) };
  const win = Object.assign(new EventEmitter(), { hide: vi.fn(), isDestroyed: () => false });
  const flow = createQuitFlow({ app: app as never, dialog: dialog as never, messages: MESSAGES.es, unread: () => unread, window: () => win as never });
  flow.hideOnClose(win as never);
  const close = () => {
    const event = { preventDefault: vi.fn() };
    win.emit('close', event);
    return event;
  };
  return { app, dialog, win, flow, close };
}

describe('quit flow', () => {
  it('hides the window on close instead of quitting', () => {
    const { close, win, app } = setup(0);
    expect(close().preventDefault).toHaveBeenCalled();
    expect(win.hide).toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('quits without asking when nothing is unread, and then lets the window close', async () => {
    const { flow, app, dialog, close } = setup(0);
    expect(await flow.requestQuit()).toBe(true);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    expect(app.quit).toHaveBeenCalled();
    expect(close().preventDefault).not.toHaveBeenCalled();
  });

  it('asks in the OS language before quitting with unread chats', async () => {
    const { flow, app, dialog } = setup(3, 0);
    expect(await flow.requestQuit()).toBe(true);
    const [, options] = dialog.showMessageBox.mock.calls[0] as unknown as [unknown, { buttons: string[]; message: string; cancelId: number }];
    expect(options.buttons).toEqual(['Salir', 'Cancelar']);
    expect(options.message).toContain('3 conversaciones sin leer');
    expect(options.cancelId).toBe(1);
    expect(app.quit).toHaveBeenCalled();
  });

  it('stays open when the user cancels', async () => {
    const { flow, app, close } = setup(2, 1);
    expect(await flow.requestQuit()).toBe(false);
    expect(app.quit).not.toHaveBeenCalled();
    expect(flow.isQuitting()).toBe(false);
    expect(close().preventDefault).toHaveBeenCalled();
  });

  it('lets OS-initiated quits (before-quit) close the window without a dialog', () => {
    const { app, dialog, close } = setup(5);
    app.emit('before-quit');
    expect(close().preventDefault).not.toHaveBeenCalled();
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });
});
