import { describe, expect, it } from 'vitest';
import { EarlyStatuses } from './earlyStatus.ts';

describe('EarlyStatuses', () => {
  it('hands a kept status over once', () => {
    const early = new EarlyStatuses();
    early.remember('s', 'M1', 'delivered');
    expect(early.take('s', 'M1')).toBe('delivered');
    expect(early.take('s', 'M1')).toBeUndefined();
    expect(early.take('other', 'M1')).toBeUndefined();
  });

  it('keeps the most advanced of several statuses', () => {
    const early = new EarlyStatuses();
    early.remember('s', 'M2', 'read');
    early.remember('s', 'M2', 'delivered');
    expect(early.take('s', 'M2')).toBe('read');
    early.remember('s', 'M3', 'delivered');
    early.remember('s', 'M3', 'played');
    expect(early.take('s', 'M3')).toBe('played');
  });

  it('forgets statuses after two minutes and keeps at most a thousand', () => {
    let now = 0;
    const early = new EarlyStatuses(() => now);
    early.remember('s', 'old', 'delivered');
    now = 120_001;
    expect(early.take('s', 'old')).toBeUndefined();
    for (let i = 0; i < 1500; i++) early.remember('s', `m${i}`, 'delivered');
    expect(early.size).toBe(1000);
    expect(early.take('s', 'm0')).toBeUndefined();
    expect(early.take('s', 'm1499')).toBe('delivered');
  });
});
