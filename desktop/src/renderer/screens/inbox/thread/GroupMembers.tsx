/**
 * A group's details in *Datos del grupo*: its description, who created it and when, and its
 * members as WhatsApp has them now (asked each time the dialog opens): the account first
 * (*Esta cuenta*), admins marked, each named as the inbox names them, searchable by name or
 * number once the group is large, each member's own chat one click away when the user may
 * read it, and *Escribirle en privado* to start one with a member who has none. Users who may
 * change the chat (`update Chat`) administer the group here too, as far as the account may
 * (GroupAbout, GroupSettingsPanel, GroupJoinRequests, GroupMemberAdmin).
 */
import type { GroupInfoView, GroupMemberView } from '@switchboard/shared';
import { useState } from 'react';
import { on } from '../../../auth/ability.ts';
import { useAbility, useApi } from '../../../auth/AuthProvider.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { ErrorBox, Loading } from '../../../ui/Feedback.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Badge } from '../../../ui/StatusBadge.tsx';
import { inboxApi } from '../inboxApi.ts';
import { displayPhone } from '../model/keys.ts';
import { GroupAbout } from './GroupAbout.tsx';
import { GroupJoinRequests } from './GroupJoinRequests.tsx';
import { GroupSettingsPanel } from './GroupSettingsPanel.tsx';
import { groupPowers } from './groupAdmin.ts';
import { AddMembersForm, LeaveGroup, MemberActions } from './GroupMemberAdmin.tsx';
import { searchMembers } from './memberSearch.ts';

/** From how many members the list offers a search box. */
const SEARCH_FROM = 9;

/**
 * The group part of the dialog; `onOpenChat` opens a member's own chat, `onWrite` (for users who
 * may start conversations from the session) starts one with a member who has none. `changed`
 * names the group's latest change seen in the inbox: when another admin (or a member) changes
 * the group while the dialog is open, WhatsApp is asked again and the dialog follows.
 */
export function GroupMembers({ sessionId, chatId, sessionName, changed, onOpenChat, onWrite }: { sessionId: string; chatId: string; sessionName: string; changed: string | null; onOpenChat(chatId: string): void; onWrite?: ((phone: string) => void) | undefined }) {
  const { t } = useI18n();
  const api = useApi();
  const mayChange = useAbility().can('update', on('Chat', { sessionId, jid: chatId }));
  const group = useResource((signal) => inboxApi(api).groupInfo(sessionId, chatId, signal), [api, sessionId, chatId, changed]);
  // The latest answer wins: after leaving, WhatsApp no longer says who is in the group.
  if (group.error) {
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
  const powers = groupPowers(g, mayChange);
  const replace = (next: GroupInfoView) => group.mutate(() => next);
  return (
    <>
      <GroupAbout group={g} creator={creator} canEdit={powers.info} blocked={powers.infoBlocked} onSaved={replace} />
      <GroupSettingsPanel group={g} canChange={powers.settings} blocked={powers.settingsBlocked} onSaved={replace} />
      {powers.settings && <GroupJoinRequests group={g} changed={changed} onChanged={replace} />}
      <MemberList group={g} sessionName={sessionName} onOpenChat={onOpenChat} onWrite={onWrite} onChanged={replace} canAdd={powers.add} canManage={powers.members} blocked={powers.membersBlocked} />
      {mayChange && <LeaveGroup group={g} onLeft={group.reload} />}
    </>
  );
}

type T = ReturnType<typeof useI18n>['t'];

/** How a member is called: *Esta cuenta (Ventas)*, their name, else their number. */
function memberName(m: GroupMemberView, t: T, sessionName: string): string {
  if (m.isAccount) return t('group.account', { session: sessionName });
  return m.name ?? displayPhone(m.phone) ?? m.member;
}

/**
 * The members; `canAdd` and `canManage` (remove, make admin) when the user and the account may,
 * and `onChanged` receives the group after each change.
 */
function MemberList(props: { group: GroupInfoView; sessionName: string; onOpenChat(chatId: string): void; onWrite?: ((phone: string) => void) | undefined; onChanged(g: GroupInfoView): void; canAdd: boolean; canManage: boolean; blocked: boolean }) {
  const { group, sessionName, onOpenChat, onWrite, onChanged, canAdd, canManage, blocked } = props;
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const members = group.members;
  const shown = searchMembers(members, query);
  return (
    <section aria-labelledby="group-members">
      <div className="group-section-head">
        <h3 id="group-members">{t('group.membersCount', { count: members.length })}</h3>
        {canAdd && !adding && (
          <Button size="sm" variant="ghost" icon="plus" onClick={() => setAdding(true)}>
            {t('group.addMembers')}
          </Button>
        )}
      </div>
      {canAdd && adding && <AddMembersForm group={group} onChanged={onChanged} onClose={() => setAdding(false)} />}
      {blocked && <p className="faint">{t('group.membersAdminOnly')}</p>}
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
                {((m.name !== null && m.phone) || m.role) && (
                  <span className="group-member-more">
                    {m.name !== null && m.phone && <span className="faint mono">{displayPhone(m.phone)}</span>}
                    {m.role && <Badge tone="info">{t('group.admin')}</Badge>}
                  </span>
                )}
              </span>
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
              {canManage && !m.isAccount && <MemberActions group={group} member={m} name={memberName(m, t, sessionName)} onChanged={onChanged} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
