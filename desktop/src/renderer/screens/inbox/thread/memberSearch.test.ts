import type { GroupMemberView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { searchMembers } from './memberSearch.ts';

const m = (phone: string, name: string | null): GroupMemberView => ({ member: `${phone}@s.whatsapp.net`, phone, name, role: null, isAccount: false, chatId: null });
const members = [m('34611300001', 'Álvaro Núñez'), m('34611300002', 'Bruno'), m('34699000003', null)];

describe('searchMembers', () => {
  it('finds names whatever the accents and capitals', () => {
    expect(searchMembers(members, 'alvaro nu').map((x) => x.phone)).toEqual(['34611300001']);
    expect(searchMembers(members, 'BRU').map((x) => x.phone)).toEqual(['34611300002']);
  });

  it('finds numbers typed with + and spaces, never a name by digits', () => {
    expect(searchMembers(members, '+34 699').map((x) => x.phone)).toEqual(['34699000003']);
    expect(searchMembers(members, '3461130').map((x) => x.phone)).toEqual(['34611300001', '34611300002']);
  });

  it('keeps everyone for an empty query and no one for a miss', () => {
    expect(searchMembers(members, '  ')).toHaveLength(3);
    expect(searchMembers(members, 'zoe')).toEqual([]);
  });
});
