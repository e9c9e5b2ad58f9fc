/**
 * *Reenviar*: a message (or several picked in the thread, in their order) sent again, as copies
 * WhatsApp marks *Reenviado*, to up to five conversations of the same account. The user searches the conversations they see, ticks them
 * (in the order picked, shown above the list), and sends; each copy then goes through the
 * server's outbox like any reply and appears in its conversation live. A refusal (a chat they
 * may not write in, the message deleted meanwhile) is shown and the dialog stays open; trying
 * again sends nothing twice (one client key per message and chat).
 */
import { MAX_FORWARD_TARGETS, type InboxChatView, type InboxMessageView } from '@switchboard/shared';
import { useState } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useDebounced, useResource } from '../../../hooks/useResource.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorBox, Loading, Notice } from '../../../ui/Feedback.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { useToast } from '../../../ui/Toasts.tsx';
import { useSubmit } from '../../../ui/useSubmit.ts';
import { inboxApi, newClientId } from '../inboxApi.ts';
import { chatTitle } from '../list/ChatListItem.tsx';
import { ChatAvatar } from '../list/ChatAvatar.tsx';
import { pick } from '../model/forward.ts';
import { summaryOf } from './MessageBubble.tsx';

/** The dialog (closed when `messages` is null); the messages are forwarded in the order given. */
export function ForwardDialog({ messages, sessionName, onClose }: { messages: readonly InboxMessageView[] | null; sessionName: string; onClose(): void }) {
  const { t, tn } = useI18n();
  return (
    <Dialog open={messages !== null} onClose={onClose} title={messages && messages.length > 1 ? tn('forward.titleMany', messages.length) : t('forward.title')} description={t('forward.description', { session: sessionName, max: MAX_FORWARD_TARGETS })}>
      {messages && messages.length > 0 && <ForwardBody messages={messages} onClose={onClose} />}
    </Dialog>
  );
}

function ForwardBody({ messages, onClose }: { messages: readonly InboxMessageView[]; onClose(): void }) {
  const message = messages[0]!;
  const { t, tn, locale } = useI18n();
  const rest = inboxApi(useApi());
  const toast = useToast();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [picked, setPicked] = useState<InboxChatView[]>([]);
  // One key for the dialog: trying again after a refusal never sends a chat its copy twice
  // (the server keys each copy `<key>:<chat>`).
  const [clientId] = useState(newClientId);
  const { busy, error, run } = useSubmit(t);
  // The conversations the user sees in this account, snoozed ones too (an employee: the ones assigned to them).
  const chats = useResource(
    (signal) => rest.pickChats(message.sessionId, q, signal),
    [message.sessionId, q],
  );
  const full = picked.length >= MAX_FORWARD_TARGETS;
  const names = (list: readonly InboxChatView[]) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(list.map(chatTitle));

  const submit = () =>
    run(async () => {
      // One after the other, so each chat gets them in this order; message i keys its copies `<key>:<i>`.
      for (const [i, m] of messages.entries()) await rest.forward(m.sessionId, m.id, picked.map((c) => c.id), messages.length > 1 ? `${clientId}:${i}` : clientId);
      toast.success(tn('forward.done', picked.length, { names: names(picked) }));
      onClose();
    });

  return (
    <div className="forward-dialog">
      <ul className="forward-preview" aria-label={t('forward.what')}>
        {messages.map((m) => (
          <li key={m.id}>
            <Icon name="forward" size={14} />
            <span>{summaryOf(m, t)}</span>
          </li>
        ))}
      </ul>
      {picked.length > 0 && (
        <div className="forward-picked" aria-label={t('forward.to')}>
          <span className="faint">{t('forward.to')}</span>
          {picked.map((c) => (
            <button key={c.id} type="button" className="chip" aria-label={t('forward.remove', { name: chatTitle(c) })} onClick={() => setPicked((p) => pick(p, c, false))}>
              {chatTitle(c)} <Icon name="x" size={12} />
            </button>
          ))}
        </div>
      )}
      <input className="input" type="search" aria-label={t('forward.search')} placeholder={t('forward.search')} value={search} autoFocus onChange={(e) => setSearch(e.target.value)} />
      {chats.error ? (
        <ErrorBox error={chats.error} onRetry={chats.reload} />
      ) : !chats.data ? (
        <Loading />
      ) : chats.data.data.length === 0 ? (
        <p className="muted">{t('forward.none')}</p>
      ) : (
        <ul className="forward-options" aria-label={t('forward.chats')}>
          {chats.data.data.map((c) => {
            const on = picked.some((p) => p.id === c.id);
            return (
              <li key={c.id}>
                <label className={`forward-option${!on && full ? ' disabled' : ''}`}>
                  <input type="checkbox" checked={on} disabled={!on && full} onChange={(e) => setPicked((p) => pick(p, c, e.target.checked))} />
                  <ChatAvatar name={chatTitle(c)} mediaId={c.profilePictureMediaId} size={32} />
                  <span className="forward-option-text">
                    <strong>{chatTitle(c)}</strong>
                    {c.phone && c.name && <span className="faint">+{c.phone}</span>}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {full && <Notice>{t('forward.limit', { max: MAX_FORWARD_TARGETS })}</Notice>}
      {error && <Notice kind="danger">{error}</Notice>}
      <div className="dialog-inline-actions">
        <span className="faint forward-count">{t('forward.count', { count: picked.length, max: MAX_FORWARD_TARGETS })}</span>
        <Button onClick={onClose}>{t('action.cancel')}</Button>
        <Button variant="primary" icon="forward" busy={busy} disabled={picked.length === 0} onClick={() => void submit()}>
          {t('forward.submit')}
        </Button>
      </div>
    </div>
  );
}
