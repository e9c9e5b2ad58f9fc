import { describe, expect, it } from 'vitest';
import { IdleCollector } from './idleCollector.ts';

describe('IdleCollector', () => {
  it('collects once per quiet spell: after quietMs without activity, again only after new activity and another quiet spell', () => {
    let now = 0;
    let work = 0;
    let collections = 0;
    const idle = new IdleCollector(30_000, () => work, () => collections++, () => now);
    now = 29_999;
    expect(idle.check()).toBe(false);
    now = 30_000;
    expect(idle.check()).toBe(true);
    now = 90_000;
    expect(idle.check()).toBe(false); // still the same quiet spell
    work = 3; // a message
    now = 91_000;
    expect(idle.check()).toBe(false);
    now = 120_999;
    expect(idle.check()).toBe(false);
    now = 121_000;
    expect(idle.check()).toBe(true);
    expect(collections).toBe(2);
  });

  it('does nothing without a collector (an actor started without --expose-gc)', () => {
    let now = 0;
    const idle = new IdleCollector(1_000, () => 0, undefined, () => now);
    now = 5_000;
    expect(idle.check()).toBe(false);
  });
});
