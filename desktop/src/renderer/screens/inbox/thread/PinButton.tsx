/** *Fijar arriba* / *Desfijar* in the thread header: the chat on top of the user's own list (nobody else's). */
import type { InboxChatView } from '@switchboard/shared';
import { useState } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { IconButton } from '../../../ui/Button.tsx';
import { errorText } from '../../../ui/errors.ts';
import { useToast } from '../../../ui/Toasts.tsx';
import { inboxApi } from '../inboxApi.ts';
import { useInbox } from '../InboxProvider.tsx';
import { chatKey } from '../model/keys.ts';

/** The pin toggle of an open chat. */
export function PinButton({ chat }: { chat: InboxChatView }) {
  const { t } = useI18n();
  const rest = inboxApi(useApi());
  const inbox = useInbox();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const pinned = chat.pinnedAt !== null;
  const toggle = async () => {
    setBusy(true);
    try {
      const pinnedAt = pinned ? (await rest.unpin(chat.sessionId, chat.id), null) : (await rest.pin(chat.sessionId, chat.id)).pinnedAt;
      inbox.dispatch({ type: 'chat/pinned', key: chatKey(chat.sessionId, chat.id), pinnedAt });
      toast.success(t(pinned ? 'pin.removed' : 'pin.added'));
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const label = t(pinned ? 'pin.remove' : 'pin.add');
  return <IconButton icon="pin" label={label} title={label} size="sm" aria-pressed={pinned} disabled={busy} onClick={() => void toggle()} />;
}
