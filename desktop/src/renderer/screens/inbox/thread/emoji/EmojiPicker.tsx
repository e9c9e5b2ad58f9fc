/**
 * The reply box's emoji picker: a search by name or keyword in the user's language ("gracias",
 * "corazon"), the recent picks and the ones agents use most, and every category as phones order
 * it, with the name of the emoji under the cursor. Typing searches at once; arrow keys move
 * through the tabs and the grid, Enter picks, Escape (or a click elsewhere) closes.
 */
import { useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useI18n } from '../../../../i18n/index.tsx';
import { Icon } from '../../../../ui/Icon.tsx';
import { EMOJI_GROUPS, emojiKey, searchEmojis, toned, type CatalogEmoji } from './emojiCatalog.ts';
import { loadEmojiCatalog } from './loadEmojiCatalog.ts';
import { frequentEmojis, loadRecent, rememberRecent } from './recentEmojis.ts';
import { loadTone, saveTone } from './skinTone.ts';
import { ToneChooser } from './ToneChooser.tsx';

type Tab = 'frequent' | (typeof EMOJI_GROUPS)[number];
const TABS: readonly Tab[] = ['frequent', ...EMOJI_GROUPS];
/** The emoji on each tab. */
const TAB_ICONS: Record<Tab, string> = { frequent: '🕒', 0: '😀', 1: '👋', 3: '🐶', 4: '🍕', 5: '✈️', 6: '⚽', 7: '💡', 8: '❤️', 9: '🏁' };
/** Columns of the grid (the CSS says the same). */
const COLS = 8;

/** Props of EmojiPicker. */
export interface EmojiPickerProps {
  /** An emoji was picked. */
  onPick(e: string): void;
  /** Escape: closed without one. */
  onClose(): void;
  /** A click outside the picker and `anchor` (default: the picker's parent element, its opener's wrap). */
  onAway(): void;
  anchor?: HTMLElement | null;
  /** Its name (default: *Insertar emoji*). */
  label?: string;
  /** Where it shows, when not above its parent (a picker drawn over the page). */
  style?: CSSProperties;
}

/** The emoji picker. */
export function EmojiPicker({ onPick, onClose, onAway, anchor, label, style }: EmojiPickerProps) {
  const { t, locale } = useI18n();
  const [catalog, setCatalog] = useState<CatalogEmoji[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState('');
  const [tab, setTab] = useState<Tab>('frequent');
  const [cursor, setCursor] = useState(0);
  const [shown, setShown] = useState<CatalogEmoji | null>(null);
  const [tone, setTone] = useState(loadTone);
  const search = useRef<HTMLInputElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const tabs = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const away = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!root.current?.contains(target) && !(anchor ?? root.current?.parentElement)?.contains(target)) onAway();
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [onAway, anchor]);

  useEffect(() => {
    search.current?.focus();
    let live = true;
    loadEmojiCatalog(locale).then(
      (c) => live && setCatalog(c),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [locale]);

  const emojis = useMemo((): CatalogEmoji[] => {
    if (query.trim()) return catalog ? searchEmojis(catalog, query) : [];
    if (tab !== 'frequent') return catalog?.filter((e) => e.group === tab) ?? [];
    // A pick is remembered in any tone: each tone names its emoji too.
    const named = new Map(catalog?.flatMap((e) => [e.emoji, ...(e.tones ?? [])].map((v) => [emojiKey(v), e] as const)));
    return frequentEmojis(loadRecent()).map((e) => named.get(emojiKey(e)) ?? { emoji: e, label: e, group: 0, words: '' });
  }, [catalog, query, tab]);
  const heading = query.trim() ? t('emoji.results', { q: query.trim() }) : t(`emoji.group.${tab}`);

  const pick = (e: CatalogEmoji) => {
    rememberRecent(e.emoji);
    onPick(toned(e, tone));
  };
  const focusCell = (i: number) => {
    const at = Math.max(0, Math.min(emojis.length - 1, i));
    setCursor(at);
    grid.current?.querySelectorAll<HTMLButtonElement>('button')[at]?.focus();
  };
  const showTab = (next: Tab) => {
    setTab(next);
    setCursor(0);
    grid.current?.scrollTo({ top: 0 });
  };

  const onKey = (e: KeyboardEvent) => {
    const inGrid = grid.current?.contains(document.activeElement) ?? false;
    const inTabs = tabs.current?.contains(document.activeElement) ?? false;
    if (e.key === 'Escape') onClose();
    else if (inGrid && e.key === 'ArrowRight') focusCell(cursor + 1);
    else if (inGrid && e.key === 'ArrowLeft') focusCell(cursor - 1);
    else if (inGrid && e.key === 'ArrowDown') focusCell(cursor + COLS);
    else if (inGrid && e.key === 'ArrowUp' && cursor < COLS) search.current?.focus();
    else if (inGrid && e.key === 'ArrowUp') focusCell(cursor - COLS);
    else if (inTabs && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      const next = TABS[(TABS.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
      showTab(next);
      tabs.current?.querySelectorAll<HTMLButtonElement>('button')[TABS.indexOf(next)]?.focus();
    } else if (!inGrid && !inTabs && e.key === 'ArrowDown' && emojis.length) focusCell(0);
    else if (!inGrid && !inTabs && e.key === 'Enter' && emojis[0]) pick(emojis[0]);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div ref={root} className="emoji-picker" role="dialog" aria-label={label ?? t('composer.emoji')} onKeyDown={onKey} style={style}>
      <div className="search-input">
        <Icon name="search" />
        <input
          ref={search}
          className="input"
          type="search"
          aria-label={t('emoji.search')}
          placeholder={t('emoji.searchPlaceholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setCursor(0);
          }}
        />
      </div>
      {!query.trim() && (
        <div ref={tabs} className="emoji-tabs" role="tablist" aria-label={t('emoji.groups')}>
          {TABS.map((g) => (
            <button key={g} type="button" role="tab" aria-selected={tab === g} tabIndex={tab === g ? 0 : -1} aria-label={t(`emoji.group.${g}`)} title={t(`emoji.group.${g}`)} onClick={() => showTab(g)}>
              {TAB_ICONS[g]}
            </button>
          ))}
        </div>
      )}
      <div ref={grid} className="emoji-grid" role="group" aria-label={heading}>
        {emojis.map((e, i) => (
          <button
            key={e.emoji}
            type="button"
            className="emoji"
            tabIndex={i === Math.min(cursor, emojis.length - 1) ? 0 : -1}
            aria-label={e.label}
            title={e.label}
            onClick={() => pick(e)}
            onFocus={() => setShown(e)}
            onMouseEnter={() => setShown(e)}
          >
            {toned(e, tone)}
          </button>
        ))}
      </div>
      <div className="emoji-footer">
        {emojis.length === 0 ? (
          <span className="muted" role="status">
            {failed ? t('emoji.failed') : catalog ? t('emoji.none') : t('emoji.loading')}
          </span>
        ) : (
          // The buttons carry the names: this line is for the eyes only.
          <span className="emoji-name" aria-hidden="true">
            {shown && emojis.includes(shown) ? (
              <>
                <span className="emoji-shown">{toned(shown, tone)}</span>
                {shown.label}
              </>
            ) : (
              <span className="muted">{heading}</span>
            )}
          </span>
        )}
        <ToneChooser
          tone={tone}
          onChange={(next) => {
            saveTone(next);
            setTone(next);
          }}
        />
      </div>
    </div>
  );
}
