import { describe, expect, it } from 'vitest';
import { mergeStatus } from './status.ts';

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
