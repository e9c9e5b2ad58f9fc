/**
 * Who handles which conversation. Pick a session, search its chats (by name or number), show
 * only the unassigned ones if needed, and assign, reassign or unassign; select many chats to
 * assign them to one person in one go. Unread counts and last-message times update live.
 */
import type { AutoAssignView, InboxChatView } from '@switchboard/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { on } from '../../auth/ability.ts';
import { useAbility, useApi } from '../../auth/AuthProvider.tsx';
import { useNow, useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSocketEvent } from '../../realtime/RealtimeProvider.tsx';
import { EmptyState, ErrorBox, Loading } from '../../ui/Feedback.tsx';
import { Button } from '../../ui/Button.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { DataTable, Pager } from '../../ui/Table.tsx';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';
import { AssignDialog } from './AssignDialog.tsx';
import { AutoAssignDialog } from './AutoAssignDialog.tsx';
import { ReassignDialog, UnassignDialog, type AssignmentTarget } from './AssignmentEditDialogs.tsx';
import { AssignmentsToolbar } from './AssignmentsToolbar.tsx';
import { assignmentsApi } from './assignmentsApi.ts';
import { chatColumns } from './chatColumns.tsx';

const PAGE = 50;

/** The assignments screen. */
export function AssignmentsScreen() {
  const { t, tn, fmt } = useI18n();
  const ability = useAbility();
  const api = assignmentsApi(useApi());
  const f = useUrlFilters();
  const now = useNow(30_000);
  const unassigned = f.get('unassigned') === '1';
  const [selected, setSelected] = useState<Map<string, InboxChatView>>(new Map());
  const [assigning, setAssigning] = useState<{ chats: InboxChatView[]; bulk: boolean } | null>(null);
  const [reassigning, setReassigning] = useState<AssignmentTarget | null>(null);
  const [unassigning, setUnassigning] = useState<AssignmentTarget | null>(null);

  const sessions = useResource((signal) => api.sessions(signal).then((p) => p.data), []);
  const sessionId = f.get('session') || sessions.data?.[0]?.sessionId || '';
  const users = useResource((signal) => api.users(signal).then((p) => p.data), []);
  const chats = useResource((signal) => (sessionId ? api.chats(sessionId, { q: f.query, unassigned, page: f.page, limit: PAGE }, signal) : Promise.resolve(undefined)), [sessionId, f.query, unassigned, f.page]);
  const assignments = useResource((signal) => (sessionId ? api.assignments(sessionId, signal) : Promise.resolve([])), [sessionId]);
  // Reparto automático of the session (for those who may assign its chats).
  const canAssign = !!sessionId && ability.can('create', on('Assignment', { sessionId, chatId: '' }));
  const rule = useResource((signal) => (canAssign ? api.autoAssign(sessionId, signal) : Promise.resolve(null)), [sessionId, canAssign]);
  const [editingRule, setEditingRule] = useState<AutoAssignView | null>(null);
  const sessionName = sessions.data?.find((s) => s.sessionId === sessionId)?.name ?? sessionId;

  const names = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.name])), [users.data]);
  const byChat = useMemo(() => {
    const m = new Map<string, AssignmentTarget['assignment'][]>();
    for (const a of assignments.data ?? []) m.set(a.chatId, [...(m.get(a.chatId) ?? []), a]);
    return m;
  }, [assignments.data]);

  // Someone (or the automatic distribution) changed who has a chat of this session: read the
  // assignments again, once per burst.
  const assigneesTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(assigneesTimer.current), []);
  useSocketEvent('chat-assignees', (e) => {
    if (e.sessionId !== sessionId) return;
    clearTimeout(assigneesTimer.current);
    assigneesTimer.current = setTimeout(() => assignments.reload(), 500);
  });
  useSocketEvent('chat-update', (e) => {
    if (e.sessionId !== sessionId) return;
    chats.mutate((p) => p && { ...p, data: p.data.map((c) => (c.id === e.chatId ? { ...c, ...(e.name !== undefined ? { name: e.name } : {}), ...(e.unreadCount !== undefined ? { unreadCount: e.unreadCount } : {}), ...(e.lastMessageAt !== undefined ? { lastMessageAt: e.lastMessageAt } : {}) } : c)) });
  });

  const reload = () => {
    chats.reload();
    assignments.reload();
  };
  const changeFilter = (key: string, value: string) => {
    setSelected(new Map());
    f.set(key, value);
  };

  const rows = chats.data?.data ?? [];
  const onPage = rows.filter((c) => selected.has(c.id)).length;
  const columns = chatColumns({
    t,
    fmt,
    now,
    isSelected: (c) => selected.has(c.id),
    toggle: (c, yes) =>
      setSelected((s) => {
        const next = new Map(s);
        if (yes) next.set(c.id, c);
        else next.delete(c.id);
        return next;
      }),
    pageSelection: onPage === 0 ? 'none' : onPage === rows.length ? 'all' : 'some',
    togglePage: (yes) =>
      setSelected((s) => {
        const next = new Map(s);
        for (const c of rows) {
          if (yes) next.set(c.id, c);
          else next.delete(c.id);
        }
        return next;
      }),
    assigneesOf: (c) => (byChat.get(c.id) ?? []).map((assignment) => ({ chat: c, assignment, name: names.get(assignment.userId) ?? c.assignees.find((x) => x.userId === assignment.userId)?.name ?? t('assign.unknownUser') })),
    canAssign: ability.can('create', 'Assignment'),
    canChange: (a) => ability.can('update', on('Assignment', { sessionId: a.assignment.sessionId, chatId: a.assignment.chatId, userId: a.assignment.userId })),
    onAssign: (c) => setAssigning({ chats: [c], bulk: false }),
    onReassign: setReassigning,
    onUnassign: setUnassigning,
  });

  const noSessions = sessions.data && sessions.data.length === 0;
  const error = sessions.error ?? users.error ?? chats.error ?? assignments.error;
  return (
    <div className="page">
      <PageHeader
        title={t('assign.title')}
        description={t('assign.description')}
        actions={
          rule.data && (
            <Button icon="users" onClick={() => setEditingRule(rule.data ?? null)}>
              {rule.data.enabled ? tn('autoAssign.on', rule.data.userIds.length) : t('autoAssign.off')}
            </Button>
          )
        }
      />
      {noSessions ? (
        <EmptyState icon="phone" title={t('assign.noSessions.title')}>
          {t('assign.noSessions.body')}
        </EmptyState>
      ) : (
        <>
          <AssignmentsToolbar
            sessions={sessions.data ?? []}
            sessionId={sessionId}
            filters={f}
            unassigned={unassigned}
            onFilter={changeFilter}
            selected={selected.size}
            canAssign={ability.can('create', 'Assignment') && !!users.data}
            onBulk={() => setAssigning({ chats: [...selected.values()], bulk: true })}
            onClearSelection={() => setSelected(new Map())}
          />
          {error && !chats.data ? (
            <ErrorBox error={error} onRetry={() => (sessions.error ? sessions.reload() : reload())} />
          ) : !chats.data || !assignments.data ? (
            <Loading />
          ) : (
            <div className={chats.loading ? 'list-body list-stale' : 'list-body'} aria-busy={chats.loading}>
              {error ? <ErrorBox error={error} onRetry={reload} /> : null}
              <DataTable
                caption={t('assign.caption', { session: sessionName })}
                columns={columns}
                rows={rows}
                rowKey={(c) => c.id}
                rowClassName={(c) => (selected.has(c.id) ? 'row-selected' : undefined)}
                empty={f.query || unassigned ? <EmptyState icon="search" title={unassigned && !f.query ? t('assign.empty.allAssigned') : t('state.noResults')} /> : <EmptyState icon="message" title={t('assign.empty.title')}>{t('assign.empty.body')}</EmptyState>}
              />
              <Pager page={f.page} limit={PAGE} total={chats.data.total} onPage={f.setPage} />
            </div>
          )}
        </>
      )}
      <AssignDialog
        sessionId={sessionId}
        chats={assigning?.chats ?? null}
        users={users.data ?? []}
        onClose={() => setAssigning(null)}
        onDone={(failed) => {
          // After a bulk run the failed chats stay selected for another try; the rest are done.
          if (assigning?.bulk) setSelected(new Map(failed.map((c) => [c.id, c])));
          setAssigning(null);
          reload();
        }}
      />
      <ReassignDialog
        target={reassigning}
        users={users.data ?? []}
        assigned={reassigning ? (byChat.get(reassigning.chat.id) ?? []).map((a) => a.userId) : []}
        onClose={() => setReassigning(null)}
        onDone={() => {
          setReassigning(null);
          reload();
        }}
      />
      <UnassignDialog target={unassigning} onClose={() => setUnassigning(null)} onDone={reload} />
      <AutoAssignDialog
        rule={editingRule}
        sessionName={sessionName}
        users={users.data ?? []}
        onClose={() => setEditingRule(null)}
        onSaved={(saved) => {
          rule.mutate(() => saved);
          setEditingRule(null);
        }}
      />
    </div>
  );
}
