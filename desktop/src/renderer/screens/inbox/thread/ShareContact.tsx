/**
 * *Compartir contacto* in the reply box: sends the customer a contact card (a colleague, a
 * supplier, another shop) that their phone can save and write to. The person is picked from the
 * account's contacts the user sees, or typed (a name and a number with its country code). The
 * card goes through the offline outbox like any reply.
 */
import type { InboxChatView } from '@switchboard/shared';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useDebounced, useResource } from '../../../hooks/useResource.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { inboxApi } from '../inboxApi.ts';
import { ChatAvatar } from '../list/ChatAvatar.tsx';
import { chatTitle } from '../list/ChatListItem.tsx';
import { phoneDigits } from '../model/newChat.ts';
import type { SharedContact } from '../outbox/types.ts';

interface Props {
  open: boolean;
  onClose(): void;
  sessionId: string;
  sessionName: string;
  /** The chat the card goes to (left out of the contacts to pick). */
  chatId: string;
  chatName: string;
  /** Queues the card (the outbox sends it). */
  onShare(contact: SharedContact): Promise<void>;
}

/** The dialog (ReplyTools opens it). */
export function ShareContactDialog(p: Props) {
  const { t } = useI18n();
  return (
    <Dialog open={p.open} onClose={p.onClose} size="sm" title={t('share.title')} description={t('share.description', { name: p.chatName })}>
      {p.open && <ShareContactForm {...p} onDone={p.onClose} />}
    </Dialog>
  );
}

function ShareContactForm({ sessionId, sessionName, chatId, onShare, onDone }: Props & { onDone(): void }) {
  const { t } = useI18n();
  const rest = inboxApi(useApi());
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<{ name?: string; phone?: string }>({});
  const [busy, setBusy] = useState(false);
  const found = useResource((signal) => rest.pickChats(sessionId, q, signal), [sessionId, q]);
  const people = (found.data?.data ?? []).filter((c): c is InboxChatView & { phone: string } => !!c.phone && !c.id.endsWith('@g.us') && c.id !== chatId).slice(0, 6);

  // Typing in a field clears what was said about it.
  const typed = (field: 'name' | 'phone', set: (v: string) => void) => (e: ChangeEvent<HTMLInputElement>) => {
    set(e.target.value);
    setErrors((was) => ({ ...was, [field]: undefined }));
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const digits = phoneDigits(phone);
    const next = { ...(name.trim() ? {} : { name: t('share.nameMissing') }), ...(digits ? {} : { phone: t('share.phoneInvalid') }) };
    setErrors(next);
    if (!digits || !name.trim()) return;
    setBusy(true);
    try {
      await onShare({ name: name.trim(), phone: digits });
      onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form share-contact" onSubmit={(e) => void submit(e)}>
      <input className="input" type="search" aria-label={t('share.search', { session: sessionName })} placeholder={t('share.search', { session: sessionName })} value={search} autoFocus onChange={(e) => setSearch(e.target.value)} />
      {found.data && people.length === 0 ? (
        <p className="faint">{t(q ? 'share.none' : 'share.noneYet')}</p>
      ) : (
        <ul className="share-contact-options" aria-label={t('share.search', { session: sessionName })}>
          {people.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className={`share-contact-option${phoneDigits(phone) === c.phone ? ' picked' : ''}`}
                aria-pressed={phoneDigits(phone) === c.phone}
                onClick={() => {
                  setName(c.name || `+${c.phone}`);
                  setPhone(`+${c.phone}`);
                  setErrors({});
                }}
              >
                <ChatAvatar name={chatTitle(c)} mediaId={c.profilePictureMediaId} size={28} />
                <span>{chatTitle(c)}</span>
                <span className="faint">+{c.phone}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <TextField label={t('share.name')} value={name} maxLength={256} error={errors.name} onChange={typed('name', setName)} />
      <TextField label={t('share.phone')} hint={t('share.phoneHint')} value={phone} type="tel" inputMode="tel" autoComplete="off" placeholder="+34 612 345 678" error={errors.phone} onChange={typed('phone', setPhone)} />
      <div className="dialog-inline-actions">
        <Button onClick={onDone}>{t('action.cancel')}</Button>
        <Button type="submit" variant="primary" icon="send" busy={busy}>
          {t('share.submit')}
        </Button>
      </div>
    </form>
  );
}
