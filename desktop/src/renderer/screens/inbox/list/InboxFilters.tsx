/** The list's filters: mine / unassigned / all (for those who see every chat), session, needs-reply, unread, search. */
import type { SessionView } from '@switchboard/shared';
import { forwardRef } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import type { ChatFilters, InboxView } from '../inboxApi.ts';

/** Props of InboxFilters. */
export interface InboxFiltersProps {
  filters: ChatFilters;
  onChange(f: Partial<ChatFilters>): void;
  search: string;
  onSearch(q: string): void;
  sessions: SessionView[];
  showViews: boolean;
}

const VIEWS: InboxView[] = ['mine', 'unassigned', 'all'];

/** The filter bar above the chat list; its ref is the search box (`/` focuses it). */
export const InboxFilters = forwardRef<HTMLInputElement, InboxFiltersProps>(function InboxFilters(p, searchRef) {
  const { t } = useI18n();
  return (
    <div className="inbox-filters">
      <div className="search-input">
        <Icon name="search" />
        <input ref={searchRef} className="input" type="search" aria-label={t('inbox.search')} placeholder={t('inbox.search')} value={p.search} onChange={(e) => p.onSearch(e.target.value)} aria-keyshortcuts="/" />
      </div>
      {p.showViews && (
        <div className="segmented" role="radiogroup" aria-label={t('inbox.view')}>
          {VIEWS.map((v) => (
            <button key={v} type="button" role="radio" aria-checked={p.filters.view === v} onClick={() => p.onChange({ view: v })}>
              {t(`inbox.view.${v}`)}
            </button>
          ))}
        </div>
      )}
      <div className="inbox-filter-row">
        {p.sessions.length > 1 && (
          <select className="input" aria-label={t('inbox.session')} value={p.filters.sessionId} onChange={(e) => p.onChange({ sessionId: e.target.value })}>
            <option value="">{t('inbox.allSessions')}</option>
            {p.sessions.map((s) => (
              <option key={s.sessionId} value={s.sessionId}>
                {s.name}
              </option>
            ))}
          </select>
        )}
        <label className="toggle">
          <input type="checkbox" checked={p.filters.needsReply} onChange={(e) => p.onChange({ needsReply: e.target.checked })} />
          {t('inbox.needsReplyOnly')}
        </label>
        <label className="toggle">
          <input type="checkbox" checked={p.filters.unread} onChange={(e) => p.onChange({ unread: e.target.checked })} />
          {t('inbox.unreadOnly')}
        </label>
      </div>
    </div>
  );
});
