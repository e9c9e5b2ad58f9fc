import { describe, expect, it } from 'vitest';
import { liveActivity } from './presence.ts';

describe('liveActivity', () => {
  it('shows typing for 25 s and a ringing call for a minute; paused and unknown states show nothing', () => {
    expect(liveActivity({ state: 'composing', at: 0 }, 24_999)).toBe('composing');
    expect(liveActivity({ state: 'composing', at: 0 }, 25_000)).toBeNull();
    expect(liveActivity({ state: 'calling', at: 0 }, 59_999)).toBe('calling');
    expect(liveActivity({ state: 'calling', at: 0 }, 60_000)).toBeNull();
    expect(liveActivity({ state: 'paused', at: 0 }, 1)).toBeNull();
    expect(liveActivity({ state: 'toString', at: 0 }, 1)).toBeNull();
    expect(liveActivity(undefined, 1)).toBeNull();
  });
});
