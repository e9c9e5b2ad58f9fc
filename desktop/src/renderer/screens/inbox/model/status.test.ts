import { describe, expect, it } from 'vitest';
import { mergeStatus, withStatusTime } from './status.ts';

describe('message status merge', () => {
  it('only moves forward', () => {
    expect(mergeStatus('sent', 'delivered')).toBe('delivered');
    expect(mergeStatus('read', 'delivered')).toBe('read');
    expect(mergeStatus('delivered', 'sent')).toBe('delivered');
    expect(mergeStatus('read', 'played')).toBe('played');
  });

  it('accepts a failure before delivery, never after', () => {
    expect(mergeStatus('pending', 'failed')).toBe('failed');
    expect(mergeStatus('sent', 'failed')).toBe('failed');
    expect(mergeStatus('delivered', 'failed')).toBe('delivered');
  });

  it('lets a retried message move on from failed, but a stale pending does not undo the failure', () => {
    expect(mergeStatus('failed', 'sent')).toBe('sent');
    expect(mergeStatus('failed', 'pending')).toBe('failed');
  });

  it('takes the incoming status when nothing is known', () => {
    expect(mergeStatus(undefined, 'pending')).toBe('pending');
  });
});

describe('status times', () => {
  it('records when each status was reached, the skipped ones too, keeping times already known', () => {
    expect(withStatusTime(undefined, 'sent', 10)).toEqual({ sent: 10 });
    expect(withStatusTime({ sent: 10 }, 'read', 30)).toEqual({ sent: 10, delivered: 30, read: 30 });
    expect(withStatusTime({ sent: 10, delivered: 20 }, 'delivered', 25)).toEqual({ sent: 10, delivered: 20 });
    expect(withStatusTime({ sent: 10 }, 'failed', 30)).toEqual({ sent: 10 });
    expect(withStatusTime(undefined, 'pending', 5)).toBeUndefined();
  });
});
