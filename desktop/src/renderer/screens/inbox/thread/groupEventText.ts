import { partyLabel, type GroupEvent, type GroupEventParty } from '@switchboard/shared';
import type { I18n } from '../../../i18n/index.tsx';

/**
 * A change to a group in words, as WhatsApp writes it in the chat ("Carla Vidal añadió a Diego
 * Pardo"): each person by name, else by number; the account by the session's name (`account`).
 */
export function groupEventText(e: GroupEvent, t: I18n['t'], list: (items: readonly string[]) => string, account: string): string {
  const who = (p: GroupEventParty) => partyLabel(p, account) ?? t('group.event.someone');
  const by = e.by ? who(e.by) : t('group.event.someone');
  const them = list(e.who.map(who));
  // Someone added by nobody, or by themselves (an invite link), joined.
  if (e.action === 'add' && (!e.by || (e.who.length === 1 && e.who[0]!.jid === e.by.jid))) return t('group.event.join', { who: them });
  return t(`group.event.${e.action}`, { by, who: them, value: e.value ?? '' });
}
