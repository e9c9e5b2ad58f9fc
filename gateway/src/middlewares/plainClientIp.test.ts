import { describe, expect, it } from 'vitest';
import { plainAddress } from './plainClientIp.ts';

describe('plainAddress', () => {
  it('unwraps IPv4-mapped addresses and leaves every other address alone', () => {
    expect(plainAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(plainAddress('::FFFF:10.1.2.3')).toBe('10.1.2.3');
    expect(plainAddress('10.1.2.3')).toBe('10.1.2.3');
    expect(plainAddress('::1')).toBe('::1');
    expect(plainAddress('2001:db8::ffff:1.2.3.4')).toBe('2001:db8::ffff:1.2.3.4');
  });
});
