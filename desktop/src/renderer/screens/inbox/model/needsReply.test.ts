import { describe, expect, it } from 'vitest';
import { needsReply, tick, waitAfter, waitLabel } from './needsReply.ts';

describe('needs-reply rule', () => {
  it('is false for a chat with no customer message', () => {
    expect(needsReply({ lastInboundAt: null, lastOutboundAt: null })).toBe(false);
    expect(needsReply({ lastInboundAt: null, lastOutboundAt: 5 })).toBe(false);
  });

  it('is true when the customer wrote and nobody answered yet', () => {
    expect(needsReply({ lastInboundAt: 10, lastOutboundAt: null })).toBe(true);
  });

  it('is true when the customer wrote again after the last reply', () => {
    expect(needsReply({ lastInboundAt: 20, lastOutboundAt: 10 })).toBe(true);
  });

  it('is false once a reply comes after the last customer message', () => {
    expect(needsReply({ lastInboundAt: 10, lastOutboundAt: 20 })).toBe(false);
  });

  it('moves with each message, and an older replayed message does not move it back', () => {
    let c = tick({ lastInboundAt: null, lastOutboundAt: null }, 100, false);
    expect(needsReply(c)).toBe(true);
    c = tick(c, 200, true);
    expect(needsReply(c)).toBe(false);
    c = tick(c, 150, false); // a replayed customer message from before the reply
    expect(needsReply(c)).toBe(false);
    c = tick(c, 300, false);
    expect(needsReply(c)).toBe(true);
  });
});

describe('the customer\'s wait', () => {
  it('begins with the first unanswered message and ends with the reply', () => {
    expect(waitAfter(null, true, 100)).toBe(100);
    expect(waitAfter(100, true, 200)).toBe(100);
    expect(waitAfter(100, false, 200)).toBeNull();
  });

  it('reads compactly', () => {
    expect(waitLabel(30_000)).toBe('<1 min');
    expect(waitLabel(25 * 60_000)).toBe('25 min');
    expect(waitLabel(3 * 3600_000 + 59 * 60_000)).toBe('3 h');
    expect(waitLabel(50 * 3600_000)).toBe('2 d');
  });
});
