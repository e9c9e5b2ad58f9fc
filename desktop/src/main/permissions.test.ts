import { describe, expect, it, vi } from 'vitest';
import { installPermissionHandlers, isPermissionAllowed } from './permissions.ts';

type RequestHandler = (wc: unknown, permission: string, callback: (ok: boolean) => void, details: { requestingUrl: string; mediaTypes?: string[] }) => void;
type CheckHandler = (wc: unknown, permission: string, origin: string, details?: { mediaType?: string }) => boolean;

function setup() {
  const handlers: { request?: RequestHandler; check?: CheckHandler; device?: () => boolean } = {};
  const session = {
    setPermissionRequestHandler: (h: RequestHandler) => (handlers.request = h),
    setPermissionCheckHandler: (h: CheckHandler) => (handlers.check = h),
    setDevicePermissionHandler: (h: () => boolean) => (handlers.device = h),
  };
  installPermissionHandlers(session as never);
  const request = (permission: string, requestingUrl: string, mediaTypes?: string[]) => {
    const callback = vi.fn();
    handlers.request!(null, permission, callback, { requestingUrl, ...(mediaTypes ? { mediaTypes } : {}) });
    return callback.mock.calls[0]?.[0] as boolean;
  };
  return { handlers, request };
}

describe('permission handlers', () => {
  it('grants notifications and sanitized clipboard writes to the app origin', () => {
    const { request, handlers } = setup();
    expect(request('notifications', 'switchboard-app://console/inbox')).toBe(true);
    expect(request('clipboard-sanitized-write', 'switchboard-app://console/')).toBe(true);
    expect(handlers.check!(null, 'notifications', 'switchboard-app://console')).toBe(true);
  });

  it.each(['media', 'geolocation', 'clipboard-read', 'display-capture', 'openExternal', 'midiSysex', 'fullscreen', 'unknown'])(
    'denies %s even to the app origin',
    (permission) => {
      const { request, handlers } = setup();
      expect(request(permission, 'switchboard-app://console/')).toBe(false);
      expect(handlers.check!(null, permission, 'switchboard-app://console', {})).toBe(false);
    },
  );

  it('grants the microphone alone to the app origin (voice notes), never the camera, never elsewhere', () => {
    const { request, handlers } = setup();
    expect(request('media', 'switchboard-app://console/inbox', ['audio'])).toBe(true);
    expect(handlers.check!(null, 'media', 'switchboard-app://console', { mediaType: 'audio' })).toBe(true);
    expect(request('media', 'switchboard-app://console/inbox', ['audio', 'video'])).toBe(false);
    expect(request('media', 'switchboard-app://console/inbox', ['video'])).toBe(false);
    expect(request('media', 'switchboard-app://console/inbox', [])).toBe(false);
    expect(handlers.check!(null, 'media', 'switchboard-app://console', { mediaType: 'video' })).toBe(false);
    expect(request('media', 'https://evil.example', ['audio'])).toBe(false);
    expect(handlers.check!(null, 'media', 'https://evil.example', { mediaType: 'audio' })).toBe(false);
  });

  it('denies everything to other origins', () => {
    const { request, handlers } = setup();
    for (const origin of ['https://evil.example', 'http://10.0.0.5:5000', 'file:///', 'switchboard-app://other']) {
      expect(request('notifications', origin)).toBe(false);
      expect(handlers.check!(null, 'notifications', origin)).toBe(false);
    }
  });

  it('denies device access (HID, USB, serial)', () => {
    expect(setup().handlers.device!()).toBe(false);
  });

  it('decides on the allow-list and the origin only', () => {
    expect(isPermissionAllowed('notifications', undefined)).toBe(false);
    expect(isPermissionAllowed('notifications', '')).toBe(false);
  });
});
