import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { registerDeepLinks } from './deepLinkRegistration.ts';

const fakeApp = () => Object.assign(new EventEmitter(), { setAsDefaultProtocolClient: vi.fn(() => true) });

describe('registerDeepLinks', () => {
  it('registers the switchboard scheme for the packaged app', () => {
    const app = fakeApp();
    registerDeepLinks({ app: app as never, argv: ['/opt/Switchboard/switchboard'], defaultApp: false, execPath: '/opt/Switchboard/switchboard', navigate: vi.fn() });
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('switchboard');
  });

  it('registers electron plus the app path in development', () => {
    const app = fakeApp();
    registerDeepLinks({ app: app as never, argv: ['/x/electron', 'desktop/dist'], defaultApp: true, execPath: '/x/electron', navigate: vi.fn() });
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('switchboard', '/x/electron', [resolve('desktop/dist')]);
  });

  it('follows allowed links from open-url (macOS) and ignores the rest', () => {
    const app = fakeApp();
    const navigate = vi.fn();
    registerDeepLinks({ app: app as never, argv: ['/Applications/Switchboard.app'], defaultApp: false, execPath: '', navigate });
    const ok = { preventDefault: vi.fn() };
    app.emit('open-url', ok, 'switchboard://inbox/ventas');
    app.emit('open-url', { preventDefault: vi.fn() }, 'switchboard://admin/delete-everything');
    expect(ok.preventDefault).toHaveBeenCalled();
    expect(navigate.mock.calls).toEqual([['/inbox/ventas']]);
  });

  it('delivers a link found in the launch arguments (Windows, Linux)', () => {
    const navigate = vi.fn();
    registerDeepLinks({ app: fakeApp() as never, argv: ['switchboard.exe', 'switchboard://sessions/s1'], defaultApp: false, execPath: '', navigate });
    expect(navigate).toHaveBeenCalledWith('/sessions/s1');
  });
});
