import type { GroupMemberView } from '@switchboard/shared';
import { fold } from '../../../layout/palette/match.ts';

/** Members whose name or number contains `query` (accents, capitals, spaces and `+` ignored). */
export function searchMembers(members: readonly GroupMemberView[], query: string): GroupMemberView[] {
  const words = fold(query).trim();
  if (!words) return [...members];
  const digits = words.replace(/[\s+\-()]/g, '');
  return members.filter((m) => (m.name !== null && fold(m.name).includes(words)) || (/^\d+$/.test(digits) && (m.phone ?? '').includes(digits)));
}
