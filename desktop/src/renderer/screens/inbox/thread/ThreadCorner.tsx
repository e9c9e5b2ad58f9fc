/**
 * The top right of an open chat, beside its name: search in it (F), its *Mensajes destacados*,
 * pin it to the top of the user's list, close it. Kept out of the row of actions so that row
 * does not wrap.
 */
import type { InboxChatView } from '@switchboard/shared';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { IconButton } from '../../../ui/Button.tsx';
import { PinButton } from './PinButton.tsx';
import { StarredMessagesDialog } from './StarredMessages.tsx';

/** The corner's buttons (no pin before the chat's summary is known). */
export function ThreadCorner({ chat, onSearch, onClose }: { chat: InboxChatView | undefined; onSearch(): void; onClose(): void }) {
  const { t } = useI18n();
  const [starred, setStarred] = useState(false);
  return (
    <div className="thread-corner">
      <IconButton icon="search" label={t('search.chat')} title={`${t('search.chat')} (F)`} size="sm" aria-keyshortcuts="F" onClick={onSearch} />
      {chat && <IconButton icon="star" label={t('star.list')} size="sm" onClick={() => setStarred(true)} />}
      {chat && <StarredMessagesDialog chat={chat} open={starred} onClose={() => setStarred(false)} />}
      {chat && <PinButton chat={chat} />}
      <IconButton icon="x" label={t('thread.close')} className="thread-close" onClick={onClose} />
    </div>
  );
}
