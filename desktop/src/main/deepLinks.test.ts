import { describe, expect, it } from 'vitest';
import { deepLinkFromArgv, isChatJid, parseDeepLink } from './deepLinks.ts';

const TOKEN = 'Qm9vdHN0cmFwX3Rva2VuX2Zvcl90ZXN0aW5nX29ubHk';

describe('parseDeepLink', () => {
  it.each([
    ['switchboard://inbox', '/inbox'],
    ['switchboard://inbox/', '/inbox'],
    ['switchboard://inbox/ventas-1', '/inbox/ventas-1'],
    ['switchboard://inbox/ventas-1/34600000000@s.whatsapp.net', '/inbox/ventas-1/34600000000%40s.whatsapp.net'],
    ['switchboard://inbox/ventas-1/34600000000%40s.whatsapp.net/', '/inbox/ventas-1/34600000000%40s.whatsapp.net'],
    ['switchboard://inbox/s_2/120363025246125244@g.us', '/inbox/s_2/120363025246125244%40g.us'],
    ['switchboard://inbox/s/123456789012345@lid', '/inbox/s/123456789012345%40lid'],
    ['switchboard://sessions', '/sessions'],
    ['switchboard://sessions/ventas-1', '/sessions/ventas-1'],
    [`switchboard://reset-password?token=${TOKEN}`, `/reset-password?token=${TOKEN}`],
  ])('routes %s to %s', (link, route) => {
    expect(parseDeepLink(link)).toBe(route);
  });

  it.each([
    ['another action', 'switchboard://settings/users'],
    ['an action that sounds like a command', 'switchboard://logout'],
    ['a prototype key as action', 'switchboard://constructor'],
    ['another scheme', 'https://inbox/ventas'],
    ['the app scheme', 'switchboard-app://console/inbox'],
    ['no authority', 'switchboard:inbox/ventas'],
    ['empty host', 'switchboard:///inbox'],
    ['upper-case action', 'switchboard://INBOX/ventas'],
    ['credentials', 'switchboard://user:pw@inbox/ventas'],
    ['a port', 'switchboard://inbox:80/ventas'],
    ['a fragment', 'switchboard://inbox/ventas#x'],
    ['a query on inbox', 'switchboard://inbox/ventas?redirect=https://evil.example'],
    ['too many segments', 'switchboard://inbox/a/34600000000@s.whatsapp.net/extra'],
    ['an empty segment', 'switchboard://inbox//34600000000@s.whatsapp.net'],
    ['a session id with a slash', 'switchboard://sessions/a%2F..%2F..'],
    ['a long session id', `switchboard://sessions/${'a'.repeat(65)}`],
    ['a session id with spaces', 'switchboard://sessions/a%20b'],
    ['a non-JID chat', 'switchboard://inbox/ventas/hello'],
    ['a JID with a device part', 'switchboard://inbox/ventas/34600000000:12@s.whatsapp.net'],
    ['a c.us JID (not normalised)', 'switchboard://inbox/ventas/34600000000@c.us'],
    ['a JID of an unknown server', 'switchboard://inbox/ventas/34600000000@evil.example'],
    ['script in a chat id', 'switchboard://inbox/ventas/%3Cscript%3E@s.whatsapp.net'],
    ['a bad escape', 'switchboard://inbox/%E0%A4%A'],
    ['reset without token', 'switchboard://reset-password'],
    ['reset with a short token', 'switchboard://reset-password?token=abc'],
    ['reset with extra parameters', `switchboard://reset-password?token=${TOKEN}&next=https://evil.example`],
    ['reset with a repeated token', `switchboard://reset-password?token=${TOKEN}&token=${TOKEN}`],
    ['reset with a path', `switchboard://reset-password/x?token=${TOKEN}`],
    ['reset token with odd characters', 'switchboard://reset-password?token=abcdefghijklmnop%26next%3D1'],
    ['garbage', 'not a url'],
    ['a huge link', `switchboard://inbox/${'a'.repeat(3000)}`],
  ])('ignores %s', (_name, link) => {
    expect(parseDeepLink(link)).toBeNull();
  });

  it('lets the URL parser resolve dot segments, which cannot leave the allowed action', () => {
    expect(parseDeepLink('switchboard://sessions/..')).toBe('/sessions');
    expect(parseDeepLink('switchboard://sessions/%2e%2e/%2e%2e/admin')).toBe('/sessions/admin');
    expect(parseDeepLink('switchboard://inbox/a/../../reset-password')).toBe('/inbox/reset-password');
  });

  it('ignores values that are not strings', () => {
    for (const v of [undefined, null, 42, {}, ['switchboard://inbox']]) expect(parseDeepLink(v)).toBeNull();
  });
});

describe('isChatJid', () => {
  it('accepts normalised JIDs only', () => {
    expect(isChatJid('34600000000@s.whatsapp.net')).toBe(true);
    expect(isChatJid('34600000000')).toBe(false);
    expect(isChatJid('34600000000@S.WHATSAPP.NET')).toBe(false);
  });
});

describe('deepLinkFromArgv', () => {
  it('finds the link among the arguments Windows and Linux pass', () => {
    const argv = ['C:\\Program Files\\Switchboard\\Switchboard.exe', '--allow-file-access-from-files', 'switchboard://sessions/ventas'];
    expect(deepLinkFromArgv(argv)).toBe('/sessions/ventas');
  });

  it('returns null when no argument is a link, or the link is not allowed', () => {
    expect(deepLinkFromArgv(['/usr/bin/switchboard', '--no-sandbox'])).toBeNull();
    expect(deepLinkFromArgv(['/usr/bin/switchboard', 'switchboard://logout'])).toBeNull();
  });
});
