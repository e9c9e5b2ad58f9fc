/**
 * An invitation to join a WhatsApp group, as the phone shows it: the group, the invitation's
 * words, until when it can be accepted (or that it expired), and *Unirse al grupo* for those who
 * may start conversations in the session (the account joins; the group's chat opens), else how
 * to accept it. Once joined, *Abrir el grupo*.
 */
import type { InboxMessageView } from '@switchboard/shared';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useAbility, useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { errorText } from '../../../ui/errors.ts';
import { Icon } from '../../../ui/Icon.tsx';
import { useToast } from '../../../ui/Toasts.tsx';
import { ChatAvatar } from '../list/ChatAvatar.tsx';
import { useOptionalInbox } from '../InboxProvider.tsx';
import { inboxApi } from '../inboxApi.ts';
import { mayStartChatIn } from '../model/newChat.ts';
import { formatText } from './formatText.tsx';

const enc = encodeURIComponent;

export function InviteCard({ m, now = Date.now() }: { m: InboxMessageView; now?: number }) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const ability = useAbility();
  const navigate = useNavigate();
  const toast = useToast();
  const inbox = useOptionalInbox();
  const [busy, setBusy] = useState(false);
  const invite = m.invite;
  if (!invite) return <p className="muted msg-text">{t('thread.unsupported')}</p>;
  const accepted = invite.acceptedAt !== undefined;
  const expired = !accepted && invite.expiresAt !== undefined && invite.expiresAt <= now;
  const mayJoin = !m.fromMe && mayStartChatIn(ability, m.sessionId);
  const open = (chatId: string) => navigate(`/inbox/${enc(m.sessionId)}/${enc(chatId)}`);
  const join = () => {
    setBusy(true);
    inboxApi(api)
      .acceptInvite(m.sessionId, m.id)
      .then((g) => {
        // The invitation says so at once, here and wherever the thread is shown again.
        inbox?.dispatch({ type: 'event/message', message: { ...m, invite: { ...invite, acceptedAt: Date.now() } } });
        toast.success(t('invite.joined', { group: g.groupName }));
        open(g.chatId);
      })
      .catch((err: unknown) => toast.error(errorText(err, t)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="msg-invite" aria-label={t('invite.label')}>
      <div className="msg-card-head">
        <ChatAvatar name={invite.groupName} mediaId={null} size={40} />
        <div className="msg-card-who">
          <strong>{invite.groupName}</strong>
          <span className="faint">{t('invite.what')}</span>
        </div>
      </div>
      {m.text && <p className="msg-text">{formatText(m.text)}</p>}
      {accepted ? (
        <p className="msg-invite-note msg-invite-joined">
          <Icon name="check" size={13} /> {t('invite.accepted')}
        </p>
      ) : (
        <p className={`msg-invite-note ${expired ? 'msg-invite-expired' : 'faint'}`}>
          <Icon name="clock" size={13} />{' '}
          {expired ? t('invite.expired') : invite.expiresAt !== undefined ? t('invite.expires', { when: fmt.dateTime(invite.expiresAt) }) : t('invite.noExpiry')}
        </p>
      )}
      {mayJoin && accepted && (
        <Button size="sm" icon="users" className="msg-invite-action" onClick={() => open(invite.groupId)}>
          {t('invite.open')}
        </Button>
      )}
      {mayJoin && !accepted && !expired && (
        <Button size="sm" variant="primary" icon="users" className="msg-invite-action" busy={busy} onClick={join}>
          {t('invite.join')}
        </Button>
      )}
      {!mayJoin && !accepted && !expired && !m.fromMe && <p className="faint msg-invite-note">{t('invite.howTo')}</p>}
    </div>
  );
}
