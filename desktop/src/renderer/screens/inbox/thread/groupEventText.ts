import { groupEventWording, partyLabel, type GroupEvent, type GroupEventParty } from '@switchboard/shared';
import type { I18n } from '../../../i18n/index.tsx';

/**
 * A change to a group in words, as WhatsApp writes it in the chat ("Carla Vidal añadió a Diego
 * Pardo"): each person by name, else by number; the account by the session's name (`account`).
 */
export function groupEventText(e: GroupEvent, t: I18n['t'], list: (items: readonly string[]) => string, account: string): string {
  const who = (p: GroupEventParty) => partyLabel(p, account) ?? t('group.event.someone');
  return t(`group.event.${groupEventWording(e)}`, { by: e.by ? who(e.by) : t('group.event.someone'), who: list(e.who.map(who)), value: e.value ?? '' });
}
