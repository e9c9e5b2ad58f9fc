import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './addressGuard.ts';
import { webhookUrlRefusal } from './urlPolicy.ts';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1', '127.255.255.254', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.10', '100.64.0.1', '100.127.255.255',
    '169.254.169.254', '0.0.0.0', '0.1.2.3', '224.0.0.1', '239.255.255.250', '255.255.255.255', '192.0.2.5', '198.18.0.1',
  ])('refuses the IPv4 address %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(['::', '::1', '[::1]', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'fe80::1%eth0', 'ff02::1', '2001:db8::1'])('refuses the IPv6 address %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(['::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '::127.0.0.1', '64:ff9b::a00:1', '2002:7f00:1::1'])(
    'refuses the private IPv4 address embedded in %s',
    (ip) => {
      expect(isPublicAddress(ip)).toBe(false);
    },
  );

  it.each(['8.8.8.8', '1.1.1.1', '100.63.255.255', '100.128.0.0', '172.15.255.255', '172.32.0.0', '169.255.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '2a00:1450:4001::200e'])(
    'lets the public address %s through',
    (ip) => {
      expect(isPublicAddress(ip)).toBe(true);
    },
  );

  it('refuses what is not an IP address', () => {
    expect(isPublicAddress('example.com')).toBe(false);
    expect(isPublicAddress('')).toBe(false);
  });
});

describe('webhookUrlRefusal', () => {
  const resolveTo = (addresses: string[]) => async () => addresses;

  it('accepts public http(s) URLs', async () => {
    expect(await webhookUrlRefusal('https://8.8.8.8/hook', false)).toBeNull();
    expect(await webhookUrlRefusal('https://hooks.example.com/x', false, resolveTo(['93.184.216.34']))).toBeNull();
  });

  it('refuses other schemes and credentials in the URL', async () => {
    expect(await webhookUrlRefusal('ftp://example.com/x', true)).toMatch(/http and https/);
    expect(await webhookUrlRefusal('file:///etc/passwd', true)).toMatch(/http and https/);
    expect(await webhookUrlRefusal('https://user:pw@example.com/x', true)).toMatch(/Credentials/);
  });

  it('refuses loopback, private and metadata hosts, literal or resolved, unless private addresses are allowed', async () => {
    for (const url of ['http://127.0.0.1:8080/x', 'http://10.0.0.1/x', 'http://[::1]/x', 'http://169.254.169.254/latest/meta-data', 'http://localhost/x', 'http://api.localhost/x']) {
      expect(await webhookUrlRefusal(url, false), url).toMatch(/WEBHOOK_ALLOW_PRIVATE/);
      expect(await webhookUrlRefusal(url, true), url).toBeNull();
    }
    expect(await webhookUrlRefusal('https://internal.example.com/x', false, resolveTo(['93.184.216.34', '10.1.2.3']))).toMatch(/resolves to 10\.1\.2\.3/);
  });

  it('accepts a name that does not resolve yet (each delivery checks again)', async () => {
    const fails = async () => {
      throw new Error('ENOTFOUND');
    };
    expect(await webhookUrlRefusal('https://not-yet.example.com/x', false, fails)).toBeNull();
  });
});
