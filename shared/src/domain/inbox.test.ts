import { describe, expect, it } from 'vitest';
import { lastMessageFromMe, needsReply, phoneOfJid } from './inbox.ts';

describe('needsReply', () => {
  it('is true when the last incoming message came after the last reply', () => {
    expect(needsReply({ lastInboundAt: 2000, lastOutboundAt: 1000 })).toBe(true);
    expect(needsReply({ lastInboundAt: new Date(2000), lastOutboundAt: new Date(1000) })).toBe(true);
  });

  it('is true for a customer nobody has answered yet', () => {
    expect(needsReply({ lastInboundAt: 5, lastOutboundAt: null })).toBe(true);
    expect(needsReply({ lastInboundAt: new Date(5) })).toBe(true);
  });

  it('is false once the agent replied, at the same instant or later', () => {
    expect(needsReply({ lastInboundAt: 1000, lastOutboundAt: 1000 })).toBe(false);
    expect(needsReply({ lastInboundAt: 1000, lastOutboundAt: 3000 })).toBe(false);
  });

  it('is false when nothing came in (only our messages, or no history at all)', () => {
    expect(needsReply({ lastInboundAt: null, lastOutboundAt: 3000 })).toBe(false);
    expect(needsReply({})).toBe(false);
    expect(needsReply({ lastInboundAt: new Date(Number.NaN) })).toBe(false);
  });

  it('is false once an agent marked the chat handled, until the customer writes again', () => {
    expect(needsReply({ lastInboundAt: 2000, lastOutboundAt: 1000, handledAt: 2500 })).toBe(false);
    expect(needsReply({ lastInboundAt: 2000, handledAt: 2000 })).toBe(false);
    expect(needsReply({ lastInboundAt: new Date(3000), lastOutboundAt: new Date(1000), handledAt: new Date(2500) })).toBe(true);
    expect(needsReply({ lastInboundAt: 2000, lastOutboundAt: 1000, handledAt: null })).toBe(true);
  });
});

describe('lastMessageFromMe', () => {
  it('says who wrote last, and null when neither direction is known', () => {
    expect(lastMessageFromMe({ lastInboundAt: 2, lastOutboundAt: 1 })).toBe(false);
    expect(lastMessageFromMe({ lastInboundAt: 1, lastOutboundAt: 2 })).toBe(true);
    expect(lastMessageFromMe({ lastInboundAt: 1, lastOutboundAt: 1 })).toBe(true);
    expect(lastMessageFromMe({ lastInboundAt: null, lastOutboundAt: 7 })).toBe(true);
    expect(lastMessageFromMe({ lastInboundAt: 7 })).toBe(false);
    expect(lastMessageFromMe({})).toBeNull();
  });

  it('is not changed by marking the chat handled (nothing was sent)', () => {
    expect(lastMessageFromMe({ lastInboundAt: 2, lastOutboundAt: 1, handledAt: 3 })).toBe(false);
    expect(lastMessageFromMe({ lastInboundAt: 2, handledAt: 3 })).toBe(false);
  });
});

describe('phoneOfJid', () => {
  it('gives the digits of phone-number JIDs only', () => {
    expect(phoneOfJid('34600000001@s.whatsapp.net')).toBe('34600000001');
    expect(phoneOfJid('34600000001:3@s.whatsapp.net')).toBe('34600000001');
    expect(phoneOfJid('123456789@lid')).toBeNull();
    expect(phoneOfJid('120363000000000000@g.us')).toBeNull();
    expect(phoneOfJid('x@s.whatsapp.net')).toBeNull();
    expect(phoneOfJid(null)).toBeNull();
  });
});
