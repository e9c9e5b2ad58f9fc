/**
 * *Mencionar* in the internal-note composer: a menu of the colleagues who may read the chat
 * (loaded when the note tab opens); picking one writes `@Nombre` into the note and the note, once
 * saved, notifies them. Colleagues who could not see the chat are never offered.
 */
import type { ChatPersonView } from '@switchboard/shared';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { MenuButton } from '../../../ui/Menu.tsx';

/** The button (nothing while the list loads or when nobody else may read the chat). */
export function MentionButton({ load, onPick }: { load(): Promise<ChatPersonView[]>; onPick(person: ChatPersonView): void }) {
  const { t } = useI18n();
  const [people, setPeople] = useState<ChatPersonView[] | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (list) => live && setPeople(list),
      () => live && setPeople([]),
    );
    return () => {
      live = false;
    };
  }, []);
  if (!people?.length) return null;
  return (
    <MenuButton label={t('notes.mention')} icon="at" align="left" up items={people.map((p) => ({ label: p.name, icon: 'user' as const, onSelect: () => onPick(p) }))} />
  );
}

/** The ids of the picked colleagues whose `@Nombre` is still in the note. */
export function mentionsIn(text: string, picked: ReadonlyMap<string, string>): string[] {
  return [...picked].filter(([, name]) => text.includes(`@${name}`)).map(([id]) => id);
}
