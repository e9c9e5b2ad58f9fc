/**
 * *Datos del contacto* (the header's person button, or **I**): what the team knows of the
 * customer without scrolling the thread — their name (the team may give one: ContactName), the number (copied in one click), the session, since
 * when they write and how many messages, the latest files (each opens its message in the
 * thread), and the chats the same number has with the business's other WhatsApp accounts
 * (only those the user may read; each opens in the inbox). For a group: its description and
 * members instead of a number (GroupMembers). Last, *Exportar conversación* and, for a contact,
 * whether they get messages sent to several conversations (ContactOptOut), *Bloquear* (ContactBlock).
 */
import type { ChatProfileView, InboxChatView, InboxMessageView } from '@switchboard/shared';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useAbility, useApi } from '../../../auth/AuthProvider.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorBox, Loading } from '../../../ui/Feedback.tsx';
import { Icon, type IconName } from '../../../ui/Icon.tsx';
import { Badge } from '../../../ui/StatusBadge.tsx';
import { errorText } from '../../../ui/errors.ts';
import { saveFile } from '../../../ui/saveFile.ts';
import { useToast } from '../../../ui/Toasts.tsx';
import { inboxApi } from '../inboxApi.ts';
import { displayPhone } from '../model/keys.ts';
import { mayStartChatIn } from '../model/newChat.ts';
import { BlockSection } from './ContactBlock.tsx';
import { OptOutSection } from './ContactOptOut.tsx';
import { ContactName } from './ContactName.tsx';
import { GroupMembers } from './GroupMembers.tsx';

const enc = encodeURIComponent;

/** The dialog (closed when `chat` is null). */
export function ContactDialog({ chat, title, onClose }: { chat: InboxChatView | null; title: string; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog open={chat !== null} onClose={onClose} title={t('contact.title', { name: title })} size="sm">
      {chat && <ContactBody chat={chat} name={title} onClose={onClose} />}
    </Dialog>
  );
}

const FILE_ICONS: Partial<Record<InboxMessageView['kind'], IconName>> = { image: 'image', video: 'video', audio: 'mic', sticker: 'image' };

function ContactBody({ chat, name, onClose }: { chat: InboxChatView; name: string; onClose(): void }) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const toast = useToast();
  const navigate = useNavigate();
  const ability = useAbility();
  const profile = useResource((signal) => inboxApi(api).chatProfile(chat.sessionId, chat.id, signal), [api, chat.sessionId, chat.id]);
  if (profile.error && !profile.data) return <ErrorBox error={profile.error} onRetry={profile.reload} />;
  const p: ChatProfileView | undefined = profile.data;
  if (!p) return <Loading />;
  const phone = displayPhone(p.phone);
  const copy = () => {
    void navigator.clipboard?.writeText(phone ?? '').then(
      () => toast.success(t('contact.copied')),
      () => toast.error(t('contact.copyFailed')),
    );
  };
  const go = (path: string) => {
    onClose();
    navigate(path);
  };
  const fileName = (m: InboxMessageView) => m.media?.fileName ?? m.caption ?? t(m.kind === 'audio' || m.kind === 'video' || m.kind === 'image' || m.kind === 'document' ? `kind.${m.kind}` : 'kind.sticker');

  return (
    <div className="contact-profile">
      <ContactName profile={p} onChanged={(name) => profile.mutate((cur) => (cur ? { ...cur, ...name } : cur))} />
      <dl className="kv">
        {phone && (
          <>
            <dt>{t('contact.phone')}</dt>
            <dd className="contact-phone">
              <span className="mono">{phone}</span>
              <Button size="sm" variant="ghost" icon="copy" onClick={copy}>
                {t('contact.copy')}
              </Button>
            </dd>
          </>
        )}
        <dt>{t('contact.session')}</dt>
        <dd>{chat.sessionName}</dd>
        <dt>{t('contact.since')}</dt>
        <dd>{fmt.date(p.since)}</dd>
        <dt>{t('contact.messages')}</dt>
        <dd>{fmt.number(p.messages)}</dd>
      </dl>
      {p.isGroup && (
        <GroupMembers
          sessionId={p.sessionId}
          chatId={p.chatId}
          sessionName={chat.sessionName}
          changed={chat.lastMessageSystem ? `${chat.lastMessageAt}:${chat.lastMessageSystem.action}` : null}
          onOpenChat={(id) => go(`/inbox/${enc(p.sessionId)}/${enc(id)}`)}
          onWrite={mayStartChatIn(ability, p.sessionId) ? (phone) => go(`/inbox?new=${enc(phone)}&session=${enc(p.sessionId)}`) : undefined}
        />
      )}
      {p.elsewhere.length > 0 && (
        <section aria-labelledby="contact-elsewhere">
          <h3 id="contact-elsewhere">{t('contact.elsewhere')}</h3>
          <ul className="contact-list">
            {p.elsewhere.map((o) => (
              <li key={o.sessionId}>
                <button type="button" className="link-button" onClick={() => go(`/inbox/${enc(o.sessionId)}/${enc(o.chatId)}`)}>
                  {o.sessionName}
                </button>
                {o.lastMessageAt !== null && <span className="faint">{fmt.dateTime(o.lastMessageAt)}</span>}
                {o.needsReply && <Badge tone="warn">{t('inbox.needsReply')}</Badge>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="contact-files">
        <h3 id="contact-files">{t('contact.files')}</h3>
        {p.files.length === 0 ? (
          <p className="faint">{t('contact.noFiles')}</p>
        ) : (
          <ul className="contact-list">
            {p.files.map((m) => (
              <li key={m.id}>
                <Icon name={FILE_ICONS[m.kind] ?? 'file'} size={16} />
                <button type="button" className="link-button" onClick={() => go(`/inbox/${enc(p.sessionId)}/${enc(p.chatId)}?m=${enc(m.id)}`)}>
                  {fileName(m)}
                </button>
                <span className="faint">{fmt.dateTime(m.timestamp)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ExportChat sessionId={p.sessionId} chatId={p.chatId} />
      {!p.isGroup && <OptOutSection chat={chat} name={name} />}
      {!p.isGroup && <BlockSection chat={chat} name={name} />}
    </div>
  );
}

/** *Exportar conversación*: the chat's messages and internal notes as a text file (GET …/export). */
function ExportChat({ sessionId, chatId }: { sessionId: string; chatId: string }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const file = await inboxApi(api).exportChat(sessionId, chatId);
      saveFile(file.blob, file.fileName ?? 'conversacion.txt');
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="contact-export" aria-labelledby="contact-export">
      <h3 id="contact-export">{t('contact.export')}</h3>
      <p className="faint">{t('contact.exportHint')}</p>
      <Button size="sm" icon="download" busy={busy} onClick={() => void run()}>
        {t('contact.exportButton')}
      </Button>
    </section>
  );
}
