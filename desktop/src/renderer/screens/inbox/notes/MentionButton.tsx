/**
 * Mentioning colleagues in an internal note: the @ button's menu, and the suggestions shown while
 * typing `@` and the start of a name (as in the `/` quick replies: arrows, Enter or Tab). Both
 * offer only the colleagues who may read the chat (loaded when the note tab opens); picking one
 * writes `@Nombre` into the note and the note, once saved, notifies them.
 */
import type { ChatPersonView } from '@switchboard/shared';
import { searchPattern } from '@switchboard/shared';
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

/** The colleagues a name start matches (any word, accents and capitals ignored), at most 8. */
export function matchPeople(people: readonly ChatPersonView[], query: string): ChatPersonView[] {
  const start = new RegExp(`(^|\\s)${searchPattern(query)}`, 'i');
  return people.filter((p) => start.test(p.name)).slice(0, 8);
}

/** The suggestion list under the note box. */
export function MentionSuggestions({ id, items, active, onPick }: { id: string; items: ChatPersonView[]; active: number; onPick(p: ChatPersonView): void }) {
  const { t } = useI18n();
  return (
    <div className="canned-pop">
      <SuggestionList id={id} label={t('notes.mention')} items={items} active={active} keyOf={(p) => p.id} onPick={onPick}>
        {(p) => `@${p.name}`}
      </SuggestionList>
    </div>
  );
}

/** The ids of the picked colleagues whose `@Nombre` is still in the note. */
export function mentionsIn(text: string, picked: ReadonlyMap<string, string>): string[] {
  return [...picked].filter(([, name]) => text.includes(`@${name}`)).map(([id]) => id);
}
