/**
 * The people the composer can mention and the ones picked so far: colleagues in an internal
 * note, group members in a reply to a group. The list loads once, when first needed (`eager`: as
 * soon as the mode is on, for the note's @ button; otherwise at the first `@` typed); what is
 * offered follows the `@…` typed before the caret.
 */
import { useEffect, useState } from 'react';
import { matchPeople, mentionQuery, mentionsIn, type Mentionable } from '../notes/MentionButton.tsx';

export interface MentionPicker {
  /** Everyone who can be mentioned (null until loaded). */
  people: Mentionable[] | null;
  /** Those the `@…` being typed matches (empty when nothing is being typed). */
  items: Mentionable[];
  /** The `@…` typed before the caret, or null. */
  query: string | null;
  /** Remembers a pick (its `@Nombre` is written by the caller). */
  remember(person: Mentionable): void;
  /** The picked people still named in `text` (id → name). */
  pickedIn(text: string): Map<string, string>;
  /** Forgets the picks (the text was sent). */
  clear(): void;
}

export function useMentionPicker(opts: { on: boolean; eager: boolean; typed: string; dismissed: boolean; load: (() => Promise<Mentionable[]>) | undefined }): MentionPicker {
  const [people, setPeople] = useState<Mentionable[] | null>(null);
  const [picked, setPicked] = useState<ReadonlyMap<string, string>>(new Map());
  const typedQuery = opts.on ? mentionQuery(opts.typed) : null;
  const wanted = opts.on && !!opts.load && (opts.eager || typedQuery !== null);
  useEffect(() => {
    if (!wanted || people) return;
    opts.load!().then(setPeople, () => setPeople([]));
  }, [wanted]);
  const query = !opts.dismissed && people ? typedQuery : null;
  return {
    people,
    items: query !== null ? matchPeople(people!, query) : [],
    query,
    remember: (person) => setPicked((m) => new Map(m).set(person.id, person.name)),
    pickedIn: (text) => {
      const ids = new Set(mentionsIn(text, picked));
      return new Map([...picked].filter(([id]) => ids.has(id)));
    },
    clear: () => setPicked(new Map()),
  };
}
