/**
 * *Solicitudes para unirse* in *Datos del grupo*: while the group's admins approve new members,
 * who asked to join with the invitation link and waits, with *Aprobar* (WhatsApp adds them and
 * tells the members) and *Rechazar*, and *Aprobar a todos* when several wait. For users who may change the group when the account is a
 * group admin; asked of WhatsApp each time the dialog opens.
 */
import type { GroupInfoView, GroupJoinRequestView, GroupRequestAction } from '@switchboard/shared';
import { useState } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBox, Loading } from '../../../ui/Feedback.tsx';
import { errorText } from '../../../ui/errors.ts';
import { useToast } from '../../../ui/Toasts.tsx';
import { inboxApi } from '../inboxApi.ts';
import { displayPhone } from '../model/keys.ts';
import { outcomeText } from './GroupMemberAdmin.tsx';

function nameOf(r: GroupJoinRequestView): string {
  return r.name ?? displayPhone(r.phone) ?? r.member;
}

/** *Solicitudes para unirse*: asked of WhatsApp when shown and after each change to the group (`changed`). */
export function GroupJoinRequests({ group: g, changed, onChanged }: { group: GroupInfoView; changed: string | null; onChanged(g: GroupInfoView): void }) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const toast = useToast();
  const list = useResource((signal) => inboxApi(api).groupRequests(g.sessionId, g.chatId, signal), [api, g.sessionId, g.chatId, changed]);
  const [answering, setAnswering] = useState<string | null>(null);
  const requests = list.data?.requests ?? [];
  // Only while admins approve new members, or while someone still waits from before.
  if (!g.approveNewMembers && requests.length === 0) return null;
  /** Answers the requests of `who` (one, or everyone waiting: `all`). */
  const answer = async (action: GroupRequestAction, who: GroupJoinRequestView[], busy: string) => {
    setAnswering(busy);
    try {
      const res = await inboxApi(api).groupAnswerRequests(g.sessionId, g.chatId, action, who.map((r) => r.member));
      onChanged(res.group);
      list.mutate(() => ({ sessionId: g.sessionId, chatId: g.chatId, requests: res.requests }));
      for (const result of res.results) {
        const asked = who.find((r) => r.member === result.member);
        const name = asked ? nameOf(asked) : (displayPhone(result.phone) ?? result.member);
        if (result.outcome === 'done') toast.success(t(action === 'approve' ? 'groupRequests.approved' : 'groupRequests.rejected', { who: name }));
        else toast.error(outcomeText(t, 'add', result, name));
      }
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setAnswering(null);
    }
  };
  return (
    <section aria-labelledby="group-requests">
      <div className="group-section-head">
        <h3 id="group-requests">{t('groupRequests.title', { count: requests.length })}</h3>
        {requests.length > 1 && (
          <Button size="sm" variant="ghost" icon="check" busy={answering === 'all'} disabled={answering !== null} onClick={() => void answer('approve', requests, 'all')}>
            {t('groupRequests.approveAll', { count: requests.length })}
          </Button>
        )}
      </div>
      {list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading label={t('groupRequests.loading')} />
      ) : requests.length === 0 ? (
        <p className="faint">{t('groupRequests.none')}</p>
      ) : (
        <ul className="group-members" aria-label={t('groupRequests.title', { count: requests.length })}>
          {requests.map((r) => (
            <li key={r.member}>
              <span className="group-member-who">
                <span className="group-member-name">{nameOf(r)}</span>
                <span className="group-member-more faint">
                  {r.name !== null && r.phone && <span className="mono">{displayPhone(r.phone)}</span>}
                  {r.requestedAt !== null && <span>{t('groupRequests.asked', { when: fmt.relative(r.requestedAt) })}</span>}
                </span>
              </span>
              <Button size="sm" variant="primary" busy={answering === r.member} disabled={answering !== null} aria-label={t('groupRequests.approveOf', { name: nameOf(r) })} onClick={() => void answer('approve', [r], r.member)}>
                {t('groupRequests.approve')}
              </Button>
              <Button size="sm" variant="ghost" disabled={answering !== null} aria-label={t('groupRequests.rejectOf', { name: nameOf(r) })} onClick={() => void answer('reject', [r], r.member)}>
                {t('groupRequests.reject')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
