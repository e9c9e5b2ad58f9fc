import { describe, expect, it } from 'vitest';
import { newSlot } from './sessionSlot.ts';
import { setSlotStatus } from './slotReports.ts';

describe('setSlotStatus', () => {
  it('counts the wait for a link from the first code, across the reconnects between codes, until connected', () => {
    const slot = newSlot('s', 'created');
    setSlotStatus(slot, 'starting', 1);
    expect(slot.waitingLinkSince).toBeNull();
    setSlotStatus(slot, 'qr', 10);
    setSlotStatus(slot, 'reconnecting', 70);
    setSlotStatus(slot, 'qr', 80);
    expect(slot.waitingLinkSince).toBe(10);
    setSlotStatus(slot, 'connecting', 90);
    setSlotStatus(slot, 'connected', 95);
    expect(slot.waitingLinkSince).toBeNull();
    // A connected session that drops and reconnects with its credentials never waits for a link.
    setSlotStatus(slot, 'reconnecting', 100);
    expect(slot.waitingLinkSince).toBeNull();
    // Logged out, then shown a new code: a new wait.
    setSlotStatus(slot, 'logged_out', 200);
    setSlotStatus(slot, 'qr', 300);
    expect(slot.waitingLinkSince).toBe(300);
    setSlotStatus(slot, 'stopped', 400);
    expect(slot.waitingLinkSince).toBeNull();
  });
});
