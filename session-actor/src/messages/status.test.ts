import { describe, expect, it } from 'vitest';
import { canAdvance, statusFromReceipt, statusFromWa, statusesBefore } from './status.ts';

describe('message statuses', () => {
  it('maps Baileys status numbers', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(statusFromWa)).toEqual(['failed', null, 'sent', 'delivered', 'read', 'played', null]);
  });

  it('maps user receipts', () => {
    expect(statusFromReceipt({ receiptTimestamp: 1 })).toBe('delivered');
    expect(statusFromReceipt({ receiptTimestamp: 1, readTimestamp: 2 })).toBe('read');
    expect(statusFromReceipt({ playedTimestamp: 3 })).toBe('played');
    expect(statusFromReceipt({})).toBeNull();
  });

  it('only moves forward', () => {
    expect(canAdvance('sent', 'delivered')).toBe(true);
    expect(canAdvance('pending', 'read')).toBe(true);
    expect(canAdvance('read', 'delivered')).toBe(false);
    expect(canAdvance('delivered', 'delivered')).toBe(false);
    expect(canAdvance('played', 'read')).toBe(false);
    expect(canAdvance('failed', 'sent')).toBe(false);
    expect(statusesBefore('delivered')).toEqual(['pending', 'sent']);
  });

  it('lets an error ack fail a pending or sent message only', () => {
    expect(canAdvance('sent', 'failed')).toBe(true);
    expect(canAdvance('delivered', 'failed')).toBe(false);
  });
});
