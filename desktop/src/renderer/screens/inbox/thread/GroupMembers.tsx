/**
 * A group's details in *Datos del grupo*: its description, who created it and when, and its
 * members as WhatsApp has them now (asked each time the dialog opens): the account first
 * (*Esta cuenta*), admins marked, each named as the inbox names them, searchable by name or
 * number once the group is large, each member's own chat one click away when the user may
 * read it, and *Escribirle en privado* to start one with a member who has none.
 */
import type { GroupInfoView, GroupMemberView } from '@switchboard/shared';
import { useState } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { ErrorBox, Loading } from '../../../ui/Feedback.tsx';
import { Badge } from '../../../ui/StatusBadge.tsx';
import { inboxApi } from '../inboxApi.ts';
import { displayPhone } from '../model/keys.ts';
import { formatText } from './formatText.tsx';
import { searchMembers } from './memberSearch.ts';

/** From how many members the list offers a search box. */
const SEARCH_FROM = 9;

/**
 * The group part of the dialog; `onOpenChat` opens a member's own chat, `onWrite` (for users who
 * may start conversations from the session) starts one with a member who has none.
 */
export function GroupMembers({ sessionId, chatId, sessionName, onOpenChat, onWrite }: { sessionId: string; chatId: string; sessionName: string; onOpenChat(chatId: string): void; onWrite?: ((phone: string) => void) | undefined }) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const group = useResource((signal) => inboxApi(api).groupInfo(sessionId, chatId, signal), [api, sessionId, chatId]);
  if (group.error && !group.data) {
    return (
      <section aria-labelledby="group-members">
        <h3 id="group-members">{t('group.members')}</h3>
        <ErrorBox error={group.error} onRetry={group.reload} />
      </section>
    );
  }
  const g: GroupInfoView | undefined = group.data;
  if (!g) return <Loading label={t('group.loading')} />;
  const creator = g.createdBy ? memberName(g.createdBy, t, sessionName) : null;
  return (
    <>
      {(g.description || g.createdAt !== null) && (
        <section aria-labelledby="group-about">
          <h3 id="group-about">{t('group.about')}</h3>
          {g.description && <p className="group-description">{formatText(g.description)}</p>}
          {g.createdAt !== null && <p className="faint">{creator ? t('group.createdBy', { date: fmt.date(g.createdAt), name: creator }) : t('group.created', { date: fmt.date(g.createdAt) })}</p>}
        </section>
      )}
      <MemberList members={g.members} sessionName={sessionName} onOpenChat={onOpenChat} onWrite={onWrite} />
    </>
  );
}

type T = ReturnType<typeof useI18n>['t'];

/** How a member is called: *Esta cuenta (Ventas)*, their name, else their number. */
function memberName(m: GroupMemberView, t: T, sessionName: string): string {
  if (m.isAccount) return t('group.account', { session: sessionName });
  return m.name ?? displayPhone(m.phone) ?? m.member;
}

function MemberList({ members, sessionName, onOpenChat, onWrite }: { members: GroupMemberView[]; sessionName: string; onOpenChat(chatId: string): void; onWrite?: ((phone: string) => void) | undefined }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const shown = searchMembers(members, query);
  return (
    <section aria-labelledby="group-members">
      <h3 id="group-members">{t('group.membersCount', { count: members.length })}</h3>
      {members.length >= SEARCH_FROM && (
        <input className="input group-member-search" type="search" aria-label={t('group.search')} placeholder={t('group.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      )}
      {shown.length === 0 ? (
        <p className="faint">{t('group.noMatch')}</p>
      ) : (
        <ul className="group-members" aria-label={t('group.members')}>
          {shown.map((m) => (
            <li key={m.member}>
              <span className="group-member-who">
                <span className="group-member-name">{memberName(m, t, sessionName)}</span>
                {m.name !== null && m.phone && <span className="faint mono">{displayPhone(m.phone)}</span>}
              </span>
              {m.role && <Badge tone="info">{t('group.admin')}</Badge>}
              {m.chatId && (
                <button type="button" className="link-button" onClick={() => onOpenChat(m.chatId!)} aria-label={t('group.openChatOf', { name: memberName(m, t, sessionName) })}>
                  {t('group.openChat')}
                </button>
              )}
              {!m.chatId && !m.isAccount && m.phone && onWrite && (
                <button type="button" className="link-button" onClick={() => onWrite(m.phone!)} aria-label={t('group.writeTo', { name: memberName(m, t, sessionName) })}>
                  {t('group.write')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
