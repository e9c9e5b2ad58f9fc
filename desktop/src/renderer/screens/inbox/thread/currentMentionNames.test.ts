import type { InboxMessageView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { withCurrentEventNames, withCurrentMentionNames } from './currentMentionNames.ts';

const CARLA = '34611111111@s.whatsapp.net';
const msg: InboxMessageView = {
  id: 'M1',
  sessionId: 's',
  chatId: '120363000000000001@g.us',
  fromMe: false,
  kind: 'text',
  text: '@34611111111 y @34600000001',
  status: 'delivered',
  timestamp: 1,
  mentions: [
    { user: '34611111111', jid: CARLA, name: 'Carla' },
    { user: '34600000001', jid: '34600000001@s.whatsapp.net', name: null, isAccount: true },
  ],
};

describe('withCurrentMentionNames', () => {
  it("names a mentioned person by their chat's name now, never the account", () => {
    const renamed = withCurrentMentionNames(msg, (_s, jid) => (jid === CARLA ? 'Carla Vidal (tienda Centro)' : 'Otro'));
    expect(renamed.mentions).toEqual([{ ...msg.mentions![0], name: 'Carla Vidal (tienda Centro)' }, msg.mentions![1]]);
  });

  it('keeps the very same message when no name changed (so its row does not redraw)', () => {
    expect(withCurrentMentionNames(msg, () => null)).toBe(msg);
    expect(withCurrentMentionNames(msg, () => 'Carla')).toBe(msg);
  });
});

describe('withCurrentEventNames', () => {
  const event = { action: 'add' as const, by: { jid: '34600000001@s.whatsapp.net', name: 'Tienda', isAccount: true as const }, who: [{ jid: CARLA, name: null }] };

  it("names the people of a group's change by their chat's name now, never the account", () => {
    expect(withCurrentEventNames(event, 's', (_s, jid) => (jid === CARLA ? 'Carla Vidal' : 'Otro'))).toEqual({ ...event, who: [{ jid: CARLA, name: 'Carla Vidal' }] });
  });

  it('keeps the very same change when no name changed', () => {
    expect(withCurrentEventNames(event, 's', () => null)).toBe(event);
  });
});
