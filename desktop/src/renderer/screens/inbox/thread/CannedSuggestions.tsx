/**
 * Quick replies matching what the agent typed after `/` (e.g. `/hor` → `/horario`). Rendered as
 * a listbox tied to the composer (`aria-activedescendant`), so the agent keeps typing while
 * choosing with the arrows and Enter or Tab. Each shows its words as they will go out (variables
 * filled: cannedVariables.ts), and a paperclip when a file goes with it.
 */
import type { CannedReplyView } from '@switchboard/shared';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { Icon } from '../../../ui/Icon.tsx';

/**
 * A listbox of suggestions under the composer, tied to it with `aria-activedescendant` (the
 * composer keeps the focus and handles the keys): `/` quick replies, `@` colleagues in a note.
 */
export function SuggestionList<T>(p: { id: string; label: string; items: readonly T[]; active: number; keyOf(item: T): string; onPick(item: T): void; children(item: T): ReactNode }) {
  return (
    <ul id={p.id} role="listbox" aria-label={p.label} className="canned-list">
      {p.items.map((item, i) => (
        <li
          key={p.keyOf(item)}
          id={`${p.id}-${i}`}
          role="option"
          aria-selected={i === p.active}
          className={i === p.active ? 'active' : undefined}
          onMouseDown={(e) => {
            // The composer keeps the focus (and the caret).
            e.preventDefault();
            p.onPick(item);
          }}
        >
          {p.children(item)}
        </li>
      ))}
    </ul>
  );
}

/** The quick replies whose shortcut starts with `query` (without the slash), shortcut order. */
export function matchCanned(list: readonly CannedReplyView[], query: string): CannedReplyView[] {
  const q = query.toLowerCase();
  return list.filter((c) => c.shortcut.toLowerCase().startsWith(q) || (q.length >= 3 && c.text.toLowerCase().includes(q))).sort((a, b) => a.shortcut.localeCompare(b.shortcut)).slice(0, 8);
}

/** The suggestion list. */
export function CannedSuggestions(p: { id: string; items: CannedReplyView[]; active: number; onPick(c: CannedReplyView): void; noneYet: boolean; onManage(): void; fill(text: string): string }) {
  const { id, items, active, onPick } = p;
  const { t } = useI18n();
  return (
    <div className="canned-pop">
      {items.length === 0 ? (
        <p className="faint canned-none">
          {p.noneYet ? t('canned.noneYet') : t('canned.none')}{' '}
          <button
            type="button"
            className="link-button"
            onMouseDown={(e) => {
              e.preventDefault();
              p.onManage();
            }}
          >
            {p.noneYet ? t('canned.createFirst') : t('canned.manage')}
          </button>
        </p>
      ) : (
        <SuggestionList id={id} label={t('canned.suggestions')} items={items} active={active} keyOf={(c) => c.id} onPick={onPick}>
          {(c) => (
            <>
              <span className="mono">/{c.shortcut}</span>
              <span className="canned-text">{p.fill(c.text)}</span>
              {c.file && <Icon name="paperclip" size={14} className="canned-with-file" label={t('canned.withFile', { name: c.file.fileName })} />}
            </>
          )}
        </SuggestionList>
      )}
    </div>
  );
}
