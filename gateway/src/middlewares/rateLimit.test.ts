import { describe, expect, it } from 'vitest';
import { consume, createLimiters } from './rateLimit.ts';

describe('rate limits', () => {
  it('answers rate_limited with the seconds to wait once the points are used', async () => {
    const limiters = createLimiters({ loginPerMinute: 2, forgotPasswordPerHour: 1, sendPerMinute: 5 });
    await consume(limiters, 'login', '1.2.3.4');
    await consume(limiters, 'login', '1.2.3.4');
    await expect(consume(limiters, 'login', '1.2.3.4')).rejects.toMatchObject({ status: 429, code: 'rate_limited', details: { retryAfterSeconds: expect.any(Number) } });
    await expect(consume(limiters, 'login', '5.6.7.8')).resolves.toBeUndefined();
  });

  it('keeps the forgot-password limit separate from login', async () => {
    const limiters = createLimiters({ loginPerMinute: 1, forgotPasswordPerHour: 1, sendPerMinute: 5 });
    await consume(limiters, 'login', 'ip');
    await expect(consume(limiters, 'forgotPassword', 'ip')).resolves.toBeUndefined();
    await expect(consume(limiters, 'forgotPassword', 'ip')).rejects.toMatchObject({ code: 'rate_limited' });
  });
});
