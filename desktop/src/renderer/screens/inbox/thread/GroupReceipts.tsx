/**
 * The message info of one of ours in a group: who has read it (*Leído por*) and who has only
 * received it (*Entregado a*), each with the time, as WhatsApp's own info shows for groups.
 * Live: members' receipts that come while it is open reload the list (`member-receipt`), once
 * for a burst of them (a large group answers together), not once each.
 */
import { partyLabel, type MemberReceiptView } from '@switchboard/shared';
import { useEffect, useRef } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useSocketEvent } from '../../../realtime/RealtimeProvider.tsx';
import { ErrorBox, Loading } from '../../../ui/Feedback.tsx';
import { inboxApi } from '../inboxApi.ts';

/** How long receipts are gathered before the list is asked again. */
const RELOAD_AFTER_MS = 300;

/** The lists for message `messageId` of group `chatId`. */
export function GroupReceipts({ sessionId, chatId, messageId }: { sessionId: string; chatId: string; messageId: string }) {
  const { t } = useI18n();
  const api = useApi();
  const list = useResource((signal) => inboxApi(api).memberReceipts(sessionId, messageId, signal), [api, sessionId, messageId]);
  const reloading = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(reloading.current), []);
  useSocketEvent('member-receipt', (e) => {
    if (e.sessionId !== sessionId || e.chatId !== chatId || e.messageId !== messageId || reloading.current) return;
    reloading.current = setTimeout(() => {
      reloading.current = undefined;
      list.reload();
    }, RELOAD_AFTER_MS);
  });
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const read = list.data.filter((r) => r.readAt !== null);
  const delivered = list.data.filter((r) => r.readAt === null);
  return (
    <>
      <MemberList title={t('info.readBy', { count: read.length })} empty={t('info.readByNone')} members={read} at={(r) => r.readAt!} />
      <MemberList title={t('info.deliveredTo', { count: delivered.length })} empty={t(read.length ? 'info.deliveredToRest' : 'info.deliveredToNone')} members={delivered} at={(r) => r.deliveredAt!} />
    </>
  );
}

function MemberList({ title, empty, members, at }: { title: string; empty: string; members: MemberReceiptView[]; at(r: MemberReceiptView): number }) {
  const { fmt } = useI18n();
  return (
    <section className="member-receipts" aria-label={title}>
      <h3>{title}</h3>
      {members.length === 0 ? (
        <p className="faint">{empty}</p>
      ) : (
        <ul>
          {members.map((r) => (
            <li key={r.member}>
              <span className="member-name">{partyLabel({ jid: r.member, name: r.name }) ?? r.member}</span>
              <span className="member-time">{fmt.dateTime(at(r))}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
