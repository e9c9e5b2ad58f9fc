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

  it('trusts X-Forwarded-For only when TRUST_PROXY says so', () => {
    expect(settingsFromConfig(loadConfig(gatewayConfigSchema, base)).trustProxy).toBe(false);
    expect(settingsFromConfig(loadConfig(gatewayConfigSchema, { ...base, TRUST_PROXY: 'true' })).trustProxy).toBe(true);
    expect(() => loadConfig(gatewayConfigSchema, { ...base, TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY/);
  });

  it('refuses limits that are not whole numbers in range', () => {
    expect(() => loadConfig(gatewayConfigSchema, { ...base, RATE_LIMIT_LOGIN_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_LOGIN_PER_MINUTE/);
    expect(() => loadConfig(gatewayConfigSchema, { ...base, JSON_BODY_LIMIT_BYTES: '1mb' })).toThrow(/JSON_BODY_LIMIT_BYTES/);
  });

  it('reads the metrics scrape access and the operator alert recipients', () => {
    const cfg = loadConfig(gatewayConfigSchema, {
      ...base,
      METRICS_TOKEN: 'm'.repeat(24),
      METRICS_ALLOW: '10.0.0.0/8, ::1, 192.168.1.7',
      OPS_EMAILS: 'ops@example.com, noc@example.com',
    });
    const settings = settingsFromConfig(cfg);
    expect(settings.metrics).toEqual({ token: 'm'.repeat(24), allow: ['10.0.0.0/8', '::1', '192.168.1.7'] });
    expect(settings.alertEmails).toEqual(['ops@example.com', 'noc@example.com']);
  });

  it('leaves /metrics closed by default and refuses malformed CIDRs, short tokens and bad emails', () => {
    expect(settingsFromConfig(loadConfig(gatewayConfigSchema, base)).metrics).toEqual({ token: null, allow: [] });
    expect(() => loadConfig(gatewayConfigSchema, { ...base, METRICS_ALLOW: '10.0.0.0/33' })).toThrow(/METRICS_ALLOW/);
    expect(() => loadConfig(gatewayConfigSchema, { ...base, METRICS_ALLOW: 'example.com' })).toThrow(/METRICS_ALLOW/);
    expect(() => loadConfig(gatewayConfigSchema, { ...base, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig(gatewayConfigSchema, { ...base, OPS_EMAILS: 'ops@example.com, nobody' })).toThrow(/OPS_EMAILS/);
  });
});
