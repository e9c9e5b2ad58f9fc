/**
 * Quick replies matching what the agent typed after `/` (e.g. `/hor` → `/horario`). Rendered as
 * a listbox tied to the composer (`aria-activedescendant`), so the agent keeps typing while
 * choosing with the arrows and Enter or Tab. Each shows its words as they will go out (variables
 * filled: cannedVariables.ts).
 */
import type { CannedReplyView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/index.tsx';

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
        <ul id={id} role="listbox" aria-label={t('canned.suggestions')} className="canned-list">
          {items.map((c, i) => (
            <li
              key={c.id}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(c);
              }}
            >
              <span className="mono">/{c.shortcut}</span>
              <span className="canned-text">{p.fill(c.text)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
