import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { externalUrlAllowed, hardenWebContents } from './navigationGuards.ts';

class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

const event = (url?: string) => ({ url, preventDefault: vi.fn() });

function setup(serverOrigin: string | null = 'http://10.0.0.5:5000') {
  const contents = new FakeContents();
  const openExternal = vi.fn(async () => undefined);
  hardenWebContents(contents as never, { serverOrigin: () => serverOrigin, openExternal });
  return { contents, openExternal };
}

describe('navigation guards', () => {
  it('lets the app navigate within its own origin', () => {
    const { contents } = setup();
    const e = event('switchboard-app://console/inbox');
    contents.emit('will-navigate', e);
    expect(e.preventDefault).not.toHaveBeenCalled();
  });

  it.each(['https://evil.example/', 'file:///etc/passwd', 'switchboard-app://other/', 'http://10.0.0.5:5000/', 'javascript:alert(1)', 'data:text/html,hi'])(
    'blocks will-navigate and will-redirect to %s',
    (url) => {
      const { contents } = setup();
      for (const name of ['will-navigate', 'will-redirect']) {
        const e = event(url);
        contents.emit(name, e);
        expect(e.preventDefault).toHaveBeenCalled();
      }
    },
  );

  it('opens an allowed web link the page navigated to in the OS browser instead', () => {
    const { contents, openExternal } = setup();
    const e = event('https://docs.example.com/guide');
    contents.emit('will-navigate', e);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://docs.example.com/guide');
    contents.emit('will-redirect', event('https://other.example.com/'));
    contents.emit('will-navigate', event('file:///etc/passwd'));
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('prevents <webview> from attaching', () => {
    const { contents } = setup();
    const e = event();
    contents.emit('will-attach-webview', e, {}, {});
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window, opening plain https links in the OS browser', () => {
    const { contents, openExternal } = setup();
    expect(contents.openHandler!({ url: 'https://docs.example.com/a?b=c' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.example.com/a?b=c');
  });

  it('opens http only for the configured server origin', () => {
    const { contents, openExternal } = setup('http://10.0.0.5:5000');
    expect(contents.openHandler!({ url: 'http://10.0.0.5:5000/api/docs' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'http://other.example/' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['http://10.0.0.5:5000/api/docs']]);
  });

  it('opens nothing else (files, custom schemes, credentials)', () => {
    const { contents, openExternal } = setup();
    for (const url of ['file:///etc/passwd', 'smb://host/share', 'ms-msdt:/id', 'https://user:pw@evil.example/', 'javascript:alert(1)', 'switchboard://inbox']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('externalUrlAllowed', () => {
  it('accepts https and refuses http without a configured server', () => {
    expect(externalUrlAllowed('https://a.example', null)).toBe(true);
    expect(externalUrlAllowed('http://a.example', null)).toBe(false);
    expect(externalUrlAllowed(`https://a.example/${'x'.repeat(5000)}`, null)).toBe(false);
    expect(externalUrlAllowed('not a url', null)).toBe(false);
  });
});
