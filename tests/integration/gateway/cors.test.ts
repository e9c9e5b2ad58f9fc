/**
 * The desktop app loads the console from `switchboard-app://console` and calls the gateway
 * cross-origin with a bearer token: REST and Socket.IO allow that origin by default, besides
 * CORS_ORIGINS, and still give no CORS headers to other origins.
 */
import { startGateway, type RunningGateway } from '@switchboard/gateway';
import { DESKTOP_APP_ORIGIN } from '@switchboard/shared';
import { silentLogger } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

let w: GatewayWorld;
let gw: RunningGateway;
let token: string;

beforeAll(async () => {
  w = await openGateway('gw-cors');
  gw = await startGateway({
    config: {
      NODE_ENV: 'test',
      DATA_DIR: w.settings.dataDir,
      PORT: 0,
      JWT_SECRET: w.settings.jwtSecret,
      JWT_EXPIRES_IN: '3600',
      CORS_ORIGINS: ['http://console.test'],
      FRONTEND_URL: 'http://console.test',
      SMTP_PORT: 25,
      SMTP_SECURE: false,
      SMTP_FROM_NAME: 'Switchboard',
    },
    logger: silentLogger(),
    hub: w.hub,
    media: false,
    host: '127.0.0.1',
  });
  token = await w.login('admin');
}, 60_000);

afterAll(async () => {
  await gw?.close();
  await w?.close();
});

/** A CORS preflight for a bearer-authenticated GET from `origin`. */
const preflight = (origin: string) =>
  fetch(`${gw.url}/api/auth/me`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  });

describe('CORS for the desktop app', () => {
  it('lets the desktop app call REST with a bearer token', async () => {
    const pre = await preflight(DESKTOP_APP_ORIGIN);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(DESKTOP_APP_ORIGIN);
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const me = await fetch(`${gw.url}/api/auth/me`, { headers: { origin: DESKTOP_APP_ORIGIN, authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(me.headers.get('access-control-allow-origin')).toBe(DESKTOP_APP_ORIGIN);
  });

  it('keeps allowing CORS_ORIGINS and gives other origins no CORS headers', async () => {
    expect((await preflight('http://console.test')).headers.get('access-control-allow-origin')).toBe('http://console.test');
    const other = await fetch(`${gw.url}/api/auth/me`, { headers: { origin: 'https://evil.test', authorization: `Bearer ${token}` } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the desktop app open Socket.IO and refuses other origins', async () => {
    const handshake = (origin: string) => fetch(`${gw.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    const app = await handshake(DESKTOP_APP_ORIGIN);
    expect(app.status).toBe(200);
    expect(app.headers.get('access-control-allow-origin')).toBe(DESKTOP_APP_ORIGIN);
    expect(app.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await handshake('https://evil.test');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
