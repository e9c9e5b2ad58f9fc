import { gatewayConfigSchema, loadConfig } from '@switchboard/shared/node';
import { describe, expect, it } from 'vitest';
import { settingsFromConfig } from './config.ts';

const base = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40) };

describe('settingsFromConfig', () => {
  it('reads the rate limits and the JSON body limit from the environment', () => {
    const cfg = loadConfig(gatewayConfigSchema, {
      ...base,
      JSON_BODY_LIMIT_BYTES: '4096',
      RATE_LIMIT_LOGIN_PER_MINUTE: '3',
      RATE_LIMIT_FORGOT_PASSWORD_PER_HOUR: '2',
      RATE_LIMIT_SEND_PER_MINUTE: '50',
    });
    const settings = settingsFromConfig(cfg);
    expect(settings.bodyLimit).toBe(4096);
    expect(settings.rateLimits).toEqual({ loginPerMinute: 3, forgotPasswordPerHour: 2, sendPerMinute: 50 });
  });

  it('defaults to 1 MiB bodies, 10 logins a minute, 5 recoveries an hour and 120 sends a minute', () => {
    const settings = settingsFromConfig(loadConfig(gatewayConfigSchema, base));
    expect(settings.bodyLimit).toBe(1024 * 1024);
    expect(settings.rateLimits).toEqual({ loginPerMinute: 10, forgotPasswordPerHour: 5, sendPerMinute: 120 });
  });

  it('refuses limits that are not whole numbers in range', () => {
    expect(() => loadConfig(gatewayConfigSchema, { ...base, RATE_LIMIT_LOGIN_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_LOGIN_PER_MINUTE/);
    expect(() => loadConfig(gatewayConfigSchema, { ...base, JSON_BODY_LIMIT_BYTES: '1mb' })).toThrow(/JSON_BODY_LIMIT_BYTES/);
  });
});
