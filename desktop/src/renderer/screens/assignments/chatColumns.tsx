/** Columns of the assignments table: selection, chat, last message, unread, assignees and "assign". */
import type { InboxChatView } from '@switchboard/shared';
import type { Formatters, I18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { MenuButton } from '../../ui/Menu.tsx';
import { Badge } from '../../ui/StatusBadge.tsx';
import type { Column } from '../../ui/Table.tsx';
import type { AssignmentTarget } from './AssignmentEditDialogs.tsx';
import { chatPhone, chatTitle } from './assignmentsApi.ts';

/** What the columns need from the screen. */
export interface ChatColumnsOptions {
  t: I18n['t'];
  fmt: Formatters;
  now: number;
  isSelected(chat: InboxChatView): boolean;
  toggle(chat: InboxChatView, on: boolean): void;
  /** State of the "select the whole page" box. */
  pageSelection: 'none' | 'some' | 'all';
  togglePage(on: boolean): void;
  assigneesOf(chat: InboxChatView): AssignmentTarget[];
  canAssign: boolean;
  canChange(target: AssignmentTarget): boolean;
  onAssign(chat: InboxChatView): void;
  onReassign(target: AssignmentTarget): void;
  onUnassign(target: AssignmentTarget): void;
}

/** Builds the columns. */
export function chatColumns(o: ChatColumnsOptions): Column<InboxChatView>[] {
  const { t, fmt } = o;
  return [
    {
      key: 'select',
      className: 'col-select',
      header: (
        <input
          type="checkbox"
          aria-label={t('assign.selectPage')}
          checked={o.pageSelection === 'all'}
          ref={(el) => {
            if (el) el.indeterminate = o.pageSelection === 'some';
          }}
          onChange={(e) => o.togglePage(e.target.checked)}
        />
      ),
      cell: (c) => <input type="checkbox" aria-label={t('assign.selectChat', { chat: chatTitle(c) })} checked={o.isSelected(c)} onChange={(e) => o.toggle(c, e.target.checked)} />,
    },
    {
      key: 'chat',
      header: t('assign.col.chat'),
      cell: (c) => {
        const phone = chatPhone(c);
        const title = chatTitle(c);
        return (
          <div>
            <span className="cell-title">{title}</span>
            {c.isGroup && <Badge tone="neutral">{t('assign.group')}</Badge>}
            {phone && phone !== title && <div className="cell-sub mono">{phone}</div>}
            {!phone && !c.name && !c.isGroup && <div className="cell-sub">{t('assign.hiddenNumber')}</div>}
          </div>
        );
      },
    },
    {
      key: 'last',
      header: t('assign.col.last'),
      cell: (c) =>
        c.lastMessageAt ? (
          <time dateTime={new Date(c.lastMessageAt).toISOString()} title={fmt.dateTime(c.lastMessageAt)}>
            {fmt.relative(c.lastMessageAt, o.now)}
          </time>
        ) : (
          <span className="muted">{t('state.never')}</span>
        ),
    },
    {
      key: 'unread',
      header: t('assign.col.unread'),
      className: 'num',
      cell: (c) => (c.unreadCount > 0 ? <Badge tone="info">{fmt.number(c.unreadCount)}</Badge> : <span className="muted">0</span>),
    },
    {
      key: 'assignees',
      header: t('assign.col.assignees'),
      cell: (c) => {
        const list = o.assigneesOf(c);
        if (!list.length) return <span className="muted">{t('assign.nobody')}</span>;
        return (
          <ul className="assignee-list">
            {list.map((a) => (
              <li key={a.assignment.id}>
                {o.canChange(a) ? (
                  <MenuButton
                    label={t('assign.manage', { name: a.name, chat: chatTitle(c) })}
                    align="left"
                    className="assignee-chip"
                    items={[
                      { label: t('assign.reassign.action'), icon: 'shuffle', onSelect: () => o.onReassign(a) },
                      { label: t('assign.unassign.action'), icon: 'x', danger: true, onSelect: () => o.onUnassign(a) },
                    ]}
                  >
                    <Icon name="user" size={14} />
                    {a.name}
                    <Icon name="chevronDown" size={14} />
                  </MenuButton>
                ) : (
                  <Badge tone="neutral">{a.name}</Badge>
                )}
                {a.assignment.note && <span className="cell-sub assignee-note" title={a.assignment.note}>{a.assignment.note}</span>}
              </li>
            ))}
          </ul>
        );
      },
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('assign.col.actions')}</span>,
      className: 'actions',
      cell: (c) =>
        o.canAssign && (
          <Button size="sm" icon="plus" onClick={() => o.onAssign(c)} aria-label={t('assign.assignChat', { chat: chatTitle(c) })}>
            {t('assign.action')}
          </Button>
        ),
    },
  ];
}
