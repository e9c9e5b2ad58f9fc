/**
 * An invitation to join a WhatsApp group, as the phone shows it: the group, the invitation's
 * words, until when it can be accepted (or that it expired), and how to accept it.
 */
import type { InboxMessageView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/index.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { ChatAvatar } from '../list/ChatAvatar.tsx';
import { formatText } from './formatText.tsx';

export function InviteCard({ m, now = Date.now() }: { m: Pick<InboxMessageView, 'text' | 'invite' | 'fromMe'>; now?: number }) {
  const { t, fmt } = useI18n();
  const invite = m.invite;
  if (!invite) return <p className="muted msg-text">{t('thread.unsupported')}</p>;
  const expired = invite.expiresAt !== undefined && invite.expiresAt <= now;
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
      <p className={`msg-invite-note ${expired ? 'msg-invite-expired' : 'faint'}`}>
        <Icon name="clock" size={13} />{' '}
        {expired ? t('invite.expired') : invite.expiresAt !== undefined ? t('invite.expires', { when: fmt.dateTime(invite.expiresAt) }) : t('invite.noExpiry')}
      </p>
      {!expired && !m.fromMe && <p className="faint msg-invite-note">{t('invite.howTo')}</p>}
    </div>
  );
}
