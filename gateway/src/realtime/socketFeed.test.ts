import type { HubEvent } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { SocketFeed } from './socketFeed.ts';

const ev = (sessionId: string, seq: number): HubEvent => ({ type: 'qr', qr: `q${seq}`, sessionId, seq, at: seq });

function feed(): { feed: SocketFeed; got: string[] } {
  const got: string[] = [];
  return { feed: new SocketFeed((e) => got.push(`${e.sessionId}#${e.seq}`)), got };
}

describe('SocketFeed', () => {
  it('buffers live events while replaying and flushes them after the replayed ones', () => {
    const { feed: f, got } = feed();
    f.setBaseline('s1', 2);
    f.push(ev('s1', 5));
    f.deliver(ev('s1', 3));
    f.deliver(ev('s1', 4));
    expect(got).toEqual(['s1#3', 's1#4']);
    f.goLive();
    expect(got).toEqual(['s1#3', 's1#4', 's1#5']);
  });

  it('drops events the client already has: below its baseline, replayed and live twice', () => {
    const { feed: f, got } = feed();
    f.setBaseline('s1', 10);
    f.deliver(ev('s1', 9));
    f.deliver(ev('s1', 10));
    f.deliver(ev('s1', 11));
    f.push(ev('s1', 11));
    f.push(ev('s1', 12));
    f.goLive();
    f.push(ev('s1', 12));
    f.push(ev('s1', 13));
    expect(got).toEqual(['s1#11', 's1#12', 's1#13']);
  });

  it('flushes buffered events of each session in seq order even if published out of order', () => {
    const { feed: f, got } = feed();
    f.push(ev('s1', 2));
    f.push(ev('s2', 7));
    f.push(ev('s1', 1));
    f.goLive();
    expect(got).toEqual(['s1#1', 's2#7', 's1#2']);
  });

  it('keeps sessions independent', () => {
    const { feed: f, got } = feed();
    f.setBaseline('a', 5);
    f.goLive();
    f.push(ev('b', 1));
    f.push(ev('a', 5));
    f.push(ev('a', 6));
    expect(got).toEqual(['b#1', 'a#6']);
    expect(f.lastSeq('a')).toBe(6);
    expect(f.replaying).toBe(false);
  });
});
