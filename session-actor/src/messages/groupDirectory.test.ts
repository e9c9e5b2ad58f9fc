import type { WASocket } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { GroupDirectory } from './groupDirectory.ts';

const GROUP = '120363000000000001@g.us';

/** A socket whose group has `members` (us included, by phone number and LID), counting the questions. */
function fakeSock(members: string[]): { sock: WASocket; asked: () => number; fail(on: boolean): void } {
  let asked = 0;
  let failing = false;
  const sock = {
    authState: { creds: { me: { id: '34600000001:3@s.whatsapp.net', lid: '900000000001:3@lid' } } },
    groupMetadata: async () => {
      asked++;
      if (failing) throw new Error('timed out');
      return { id: GROUP, participants: members.map((id) => ({ id })) };
    },
  } as unknown as WASocket;
  return { sock, asked: () => asked, fail: (on) => void (failing = on) };
}

describe('group directory', () => {
  it('counts the members but us, asking once for receipts that need it at the same time', async () => {
    const fake = fakeSock(['34600000001@s.whatsapp.net', '34611000001@s.whatsapp.net', '34611000002@s.whatsapp.net']);
    const sizes = new GroupDirectory();
    expect(await Promise.all([sizes.size(fake.sock, GROUP), sizes.size(fake.sock, GROUP), sizes.size(fake.sock, GROUP)])).toEqual([2, 2, 2]);
    expect(fake.asked()).toBe(1);
    // Us by LID in a LID-addressed group: still not a member our messages go to.
    expect(await new GroupDirectory().size(fakeSock(['900000000001@lid', '900000000002@lid']).sock, GROUP)).toBe(1);
  });

  it('remembers a size for five minutes, forgets it when the members change, and says null when it cannot ask', async () => {
    let now = 0;
    const fake = fakeSock(['34611000001@s.whatsapp.net', '34611000002@s.whatsapp.net']);
    const sizes = new GroupDirectory(() => now);
    await sizes.size(fake.sock, GROUP);
    now += 4 * 60_000;
    await sizes.size(fake.sock, GROUP);
    expect(fake.asked()).toBe(1);
    now += 2 * 60_000;
    await sizes.size(fake.sock, GROUP);
    expect(fake.asked()).toBe(2);
    sizes.forget(GROUP);
    fake.fail(true);
    expect(await sizes.size(fake.sock, GROUP)).toBeNull();
    expect(await sizes.size(null, GROUP)).toBeNull();
  });

  it('hands Baileys the metadata it asked for, forgets everything on a new connection, and keeps what our messages went to', async () => {
    const fake = fakeSock(['34611000001@s.whatsapp.net']);
    const groups = new GroupDirectory();
    const meta = await groups.metadata(fake.sock, GROUP);
    expect(meta?.participants).toHaveLength(1);
    expect(await groups.metadata(fake.sock, GROUP)).toBe(meta);
    groups.forgetAll();
    await groups.metadata(fake.sock, GROUP);
    expect(fake.asked()).toBe(2);
    groups.sentTo('M1', 7);
    expect([groups.recipientsOf('M1'), groups.recipientsOf('M2')]).toEqual([7, undefined]);
  });
});
