/**
 * `:` in the reply box: typing `:gracias` or `:corazon` (two letters at least, after a space or
 * at the start, so "9:30" and "Horario:" never trigger it) offers the emoji of that name, as
 * WhatsApp does, wherever the caret is; Enter or Tab puts the chosen one in place of the word.
 */
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../../../i18n/index.tsx';
import { SuggestionList } from '../CannedSuggestions.tsx';
import { searchEmojis, toned, type CatalogEmoji } from './emojiCatalog.ts';
import { loadEmojiCatalog } from './loadEmojiCatalog.ts';
import { rememberRecent } from './recentEmojis.ts';
import { loadTone } from './skinTone.ts';

/** How many emoji the list offers. */
const SHOWN = 6;

/** The `:word` typed at the end of `text` (what precedes the caret), without the colon, or null. */
export function emojiQuery(text: string): string | null {
  return /(?:^|\s):([\p{L}\p{N}_]{2,30})$/u.exec(text)?.[1] ?? null;
}

/** The emoji offered for the `:word` at the end of `text` (the names load at the first `:word`). */
export function useEmojiShortcut(text: string, off: boolean): { query: string | null; items: CatalogEmoji[] } {
  const { locale } = useI18n();
  const query = off ? null : emojiQuery(text);
  const [catalog, setCatalog] = useState<CatalogEmoji[] | null>(null);
  const wanted = query !== null;
  useEffect(() => {
    if (wanted) loadEmojiCatalog(locale).then(setCatalog, () => undefined);
  }, [wanted, locale]);
  const items = useMemo(() => (query !== null && catalog ? searchEmojis(catalog, query, SHOWN) : []), [query, catalog]);
  return { query, items };
}

/** Remembers the pick among the recent ones and gives the emoji to write (in the user's skin tone). */
export function pickEmoji(e: CatalogEmoji): string {
  rememberRecent(e.emoji);
  return toned(e, loadTone());
}

/** The list of emoji under the reply box. */
export function EmojiSuggestions({ id, items, active, onPick }: { id: string; items: CatalogEmoji[]; active: number; onPick(e: CatalogEmoji): void }) {
  const { t } = useI18n();
  const tone = loadTone();
  return (
    <div className="canned-pop">
      <SuggestionList id={id} label={t('emoji.suggestions')} items={items} active={active} keyOf={(e) => e.emoji} onPick={onPick}>
        {(e) => (
          <>
            <span className="emoji-shown" aria-hidden="true">
              {toned(e, tone)}
            </span>{' '}
            {e.label}
          </>
        )}
      </SuggestionList>
    </div>
  );
}
