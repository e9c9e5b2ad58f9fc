/** The list's filters: mine / unassigned / all (for those who see every chat), session, label, person, needs-reply (and its order), unread, snoozed, scheduled, search; and the messages to several conversations of the last days. */
import type { AgentView, LabelView, SessionView } from '@switchboard/shared';
import { forwardRef } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import type { ChatFilters, ChatOrder, InboxView } from '../inboxApi.ts';

/** Props of InboxFilters. */
export interface InboxFiltersProps {
  filters: ChatFilters;
  onChange(f: Partial<ChatFilters>): void;
  search: string;
  onSearch(q: string): void;
  sessions: SessionView[];
  showViews: boolean;
  labels: LabelView[];
  /** The team, to show one person's chats (empty for those who see only their own, or may not read users). */
  people: AgentView[];
  /** Messages to several conversations of the last days: how many, and how many still going (the button shows while there are any). */
  broadcasts: { count: number; going: number };
  onBroadcasts(): void;
  /** How many chats are put aside (the "Pospuestas" toggle shows while there are any). */
  snoozedCount: number;
  /** How many chats have a reply scheduled (the "Con envío programado" toggle shows while there are any). */
  scheduledCount: number;
}

const VIEWS: InboxView[] = ['mine', 'unassigned', 'all'];
const ORDERS: ChatOrder[] = ['recent', 'waiting'];

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
            <button key={v} type="button" role="radio" aria-checked={p.filters.view === v} onClick={() => p.onChange({ view: v, assignee: '' })}>
              {t(`inbox.view.${v}`)}
            </button>
          ))}
        </div>
      )}
      {(p.sessions.length > 1 || p.labels.length > 0 || p.people.length > 0) && (
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
          {p.labels.length > 0 && (
            <select className="input" aria-label={t('labels.filter')} value={p.filters.label} onChange={(e) => p.onChange({ label: e.target.value })}>
              <option value="">{t('labels.filterAll')}</option>
              {p.labels.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          )}
          {p.people.length > 0 && (
            <select className="input" aria-label={t('inbox.person')} value={p.filters.assignee} onChange={(e) => p.onChange({ assignee: e.target.value, ...(e.target.value ? { view: 'all' as const } : {}) })}>
              <option value="">{t('inbox.anyPerson')}</option>
              {p.people.map((a) => (
                <option key={a.id} value={a.id}>
                  {t('inbox.personOption', { name: a.name, count: a.assigned })}
                </option>
              ))}
            </select>
          )}
        </div>
      )}
      <div className="inbox-filter-row">
        <label className="toggle">
          <input type="checkbox" checked={p.filters.needsReply} onChange={(e) => p.onChange({ needsReply: e.target.checked })} />
          {t('inbox.needsReplyOnly')}
        </label>
        <label className="toggle">
          <input type="checkbox" checked={p.filters.unread} onChange={(e) => p.onChange({ unread: e.target.checked })} />
          {t('inbox.unreadOnly')}
        </label>
        {(p.snoozedCount > 0 || p.filters.snoozed) && (
          <label className="toggle">
            <input type="checkbox" checked={p.filters.snoozed} onChange={(e) => p.onChange({ snoozed: e.target.checked })} />
            {t('snooze.filter', { count: p.snoozedCount })}
          </label>
        )}
        {(p.scheduledCount > 0 || p.filters.scheduled) && (
          <label className="toggle">
            <input type="checkbox" checked={p.filters.scheduled} onChange={(e) => p.onChange({ scheduled: e.target.checked })} />
            {t('scheduled.filter', { count: p.scheduledCount })}
          </label>
        )}
        {p.broadcasts.count > 0 && (
          <Button size="sm" variant="ghost" icon="send" className="inbox-broadcasts" onClick={p.onBroadcasts}>
            {p.broadcasts.going > 0 ? t('broadcasts.going', { count: String(p.broadcasts.going) }) : t('broadcasts.open')}
          </Button>
        )}
        {/* Under the toggles (it orders the needs-reply list only). */}
        {p.filters.needsReply && (
          <select className="input inbox-order" aria-label={t('inbox.order')} value={p.filters.order} onChange={(e) => p.onChange({ order: e.target.value as ChatOrder })}>
            {ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(`inbox.order.${o}`)}
              </option>
            ))}
          </select>
        )}
      </div>
    </div>
  );
});
