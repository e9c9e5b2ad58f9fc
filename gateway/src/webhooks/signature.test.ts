import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from './signature.ts';

describe('webhook signatures', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 of the secret, as v1=<hex>', () => {
    const body = '{"id":"s1:1:message","event":"message"}';
    const expected = createHmac('sha256', 'whsec_test_secret_123').update(`1700000000.${body}`).digest('hex');
    expect(signWebhook('whsec_test_secret_123', 1700000000, body)).toBe(`v1=${expected}`);
    // A known vector, so a change of the scheme cannot pass unnoticed.
    expect(signWebhook('secret', 1, 'x')).toBe(`v1=${createHmac('sha256', 'secret').update('1.x').digest('hex')}`);
  });

  it('verifies its own signatures and refuses a changed body, timestamp or secret', () => {
    const sig = signWebhook('k'.repeat(20), 42, 'body');
    expect(verifyWebhook('k'.repeat(20), 42, 'body', sig)).toBe(true);
    expect(verifyWebhook('k'.repeat(20), 42, 'body ', sig)).toBe(false);
    expect(verifyWebhook('k'.repeat(20), 43, 'body', sig)).toBe(false);
    expect(verifyWebhook('j'.repeat(20), 42, 'body', sig)).toBe(false);
    expect(verifyWebhook('k'.repeat(20), 42, 'body', `v1=00, ${sig}`)).toBe(true);
  });

  it('generates whsec_ secrets of 32 random base64url characters', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it('sends the event, delivery id, timestamp and signature headers', () => {
    const h = webhookHeaders('s'.repeat(16), '{}', { event: 'message', eventId: 'ventas:7:message', timestamp: 1700000000 });
    expect(h).toEqual({
      'Content-Type': 'application/json',
      'User-Agent': 'Switchboard-Webhooks/1',
      'X-Switchboard-Event': 'message',
      'X-Switchboard-Delivery': 'ventas:7:message',
      'X-Switchboard-Timestamp': '1700000000',
      'X-Switchboard-Signature': signWebhook('s'.repeat(16), 1700000000, '{}'),
    });
  });
});
