import { describe, expect, it } from 'vitest';
import { scrapeGuard } from './scrapeAccess.ts';

const TOKEN = 'scrape-token-0123456789';

describe('scrapeGuard', () => {
  it('keeps /metrics off when neither a token nor an allow-list is configured', () => {
    expect(scrapeGuard(undefined)('127.0.0.1', `Bearer ${TOKEN}`)).toBe('disabled');
    expect(scrapeGuard({ token: null, allow: [] })('127.0.0.1', undefined)).toBe('disabled');
  });

  it('asks for the exact bearer token when one is configured', () => {
    const check = scrapeGuard({ token: TOKEN, allow: [] });
    expect(check('203.0.113.9', `Bearer ${TOKEN}`)).toBe('allowed');
    expect(check('203.0.113.9', `bearer ${TOKEN}`)).toBe('allowed');
    expect(check('203.0.113.9', undefined)).toBe('unauthorized');
    expect(check('203.0.113.9', `Bearer ${TOKEN}x`)).toBe('unauthorized');
    expect(check('203.0.113.9', `Bearer ${TOKEN.slice(0, -1)}`)).toBe('unauthorized');
    expect(check('203.0.113.9', `Basic ${TOKEN}`)).toBe('unauthorized');
  });

  it('admits addresses of the allow-list, IPv4 clients on dual-stack sockets included', () => {
    const check = scrapeGuard({ token: null, allow: ['10.0.0.0/8', '192.168.1.7', '2001:db8::/32'] });
    expect(check('10.20.30.40', undefined)).toBe('allowed');
    expect(check('::ffff:10.1.2.3', undefined)).toBe('allowed');
    expect(check('192.168.1.7', undefined)).toBe('allowed');
    expect(check('192.168.1.8', undefined)).toBe('forbidden');
    expect(check('2001:db8::1', undefined)).toBe('allowed');
    expect(check('2001:db9::1', undefined)).toBe('forbidden');
    expect(check('not-an-ip', undefined)).toBe('forbidden');
  });

  it('needs both the address and the token when both are configured', () => {
    const check = scrapeGuard({ token: TOKEN, allow: ['127.0.0.1'] });
    expect(check('127.0.0.1', `Bearer ${TOKEN}`)).toBe('allowed');
    expect(check('127.0.0.1', undefined)).toBe('unauthorized');
    expect(check('10.0.0.1', `Bearer ${TOKEN}`)).toBe('forbidden');
  });
});
