/**
 * Mentioning people: in an internal note the colleagues who may read the chat (the @ button's
 * menu, loaded when the note tab opens; the note, once saved, notifies them), in a reply to a
 * group its members (WhatsApp mentions). Typing `@` and the start of a name offers them (as in
 * the `/` quick replies: arrows, Enter or Tab); picking one writes `@Nombre` into the text.
 */
import type { ChatPersonView } from '@switchboard/shared';
import { searchPattern } from '@switchboard/shared';

/** Someone who can be mentioned: a colleague (user id) or a group member (JID). */
export interface Mentionable {
  id: string;
  name: string;
}
import { useI18n } from '../../../i18n/index.tsx';
import { MenuButton } from '../../../ui/Menu.tsx';
import { SuggestionList } from '../thread/CannedSuggestions.tsx';

/** The button (nothing while the list loads or when nobody else may read the chat). */
export function MentionButton({ people, onPick }: { people: readonly ChatPersonView[] | null; onPick(person: ChatPersonView): void }) {
  const { t } = useI18n();
  if (!people?.length) return null;
  return <MenuButton label={t('notes.mention')} icon="at" align="left" up items={people.map((p) => ({ label: p.name, icon: 'user' as const, onSelect: () => onPick(p) }))} />;
}

/** The `@…` being typed at the end of the note (what follows the @), or null. */
export function mentionQuery(text: string): string | null {
  return /(?:^|\s)@([^\s@]{0,30})$/u.exec(text)?.[1] ?? null;
}

/** The people a name start matches (any word, accents and capitals ignored), at most 8. */
export function matchPeople<P extends Mentionable>(people: readonly P[], query: string): P[] {
  const start = new RegExp(`(^|\\s)${searchPattern(query)}`, 'i');
  return people.filter((p) => start.test(p.name)).slice(0, 8);
}

/** The suggestion list under the box. */
export function MentionSuggestions({ id, label, items, active, onPick }: { id: string; label: string; items: Mentionable[]; active: number; onPick(p: Mentionable): void }) {
  return (
    <div className="canned-pop">
      <SuggestionList id={id} label={label} items={items} active={active} keyOf={(p) => p.id} onPick={onPick}>
        {(p) => `@${p.name}`}
      </SuggestionList>
    </div>
  );
}

/** The ids of the picked people whose `@Nombre` is still in the text. */
export function mentionsIn(text: string, picked: ReadonlyMap<string, string>): string[] {
  return [...picked].filter(([, name]) => text.includes(`@${name}`)).map(([id]) => id);
}
