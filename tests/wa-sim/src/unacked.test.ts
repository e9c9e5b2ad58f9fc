import { describe, expect, it } from 'vitest';
import { node } from './nodes.ts';
import { deliver, settleUnacked, takeOfflineBacklog } from './outbound.ts';
import type { CompanionDevice } from './phone.ts';

function device(live: boolean): { device: CompanionDevice; sent: string[] } {
  const sent: string[] = [];
  const connection = live ? { closed: false, send: (n: { attrs: { id?: string } }) => sent.push(n.attrs.id ?? '') } : undefined;
  return { device: { phone: '1', deviceId: 1, queue: [], connection } as unknown as CompanionDevice, sent };
}

describe('unacknowledged messages (like WhatsApp, a message is kept until the client receipts it)', () => {
  it('delivers again at the next login what a killed client never receipted, then the offline queue', () => {
    const { device: d, sent } = device(true);
    deliver(d, node('message', { id: 'A' }));
    deliver(d, node('message', { id: 'B' }));
    expect(sent).toEqual(['A', 'B']);
    settleUnacked(d, ['A']);
    d.connection = undefined; // the client died before receipting B
    deliver(d, node('message', { id: 'C' }));
    const backlog = takeOfflineBacklog(d);
    expect(backlog.map((n) => [n.attrs.id, n.attrs.offline])).toEqual([['B', '1'], ['C', '1']]);
    // Still tracked until receipted: a second crash would deliver them again.
    expect(takeOfflineBacklog(d).map((n) => n.attrs.id)).toEqual(['B', 'C']);
    settleUnacked(d, ['B', 'C']);
    expect(takeOfflineBacklog(d)).toEqual([]);
  });

  it('does not track stanzas other than messages', () => {
    const { device: d } = device(true);
    deliver(d, node('notification', { id: 'N' }));
    expect(takeOfflineBacklog(d)).toEqual([]);
  });
});
