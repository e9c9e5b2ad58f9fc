/**
 * *Más formas de responder* in the reply box, beside the attach button: a menu that opens
 * *Compartir contacto*, *Crear encuesta*, *Crear evento* or *Enviar ubicación*, each a dialog whose reply goes
 * through the offline outbox.
 */
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { MenuButton } from '../../../ui/Menu.tsx';
import type { NewEvent, NewPoll, SharedContact, SharedLocation } from '../outbox/types.ts';
import { NewEventDialog } from './NewEvent.tsx';
import { NewPollDialog } from './NewPoll.tsx';
import { SendLocationDialog } from './SendLocation.tsx';
import { ShareContactDialog } from './ShareContact.tsx';

interface Props {
  sessionId: string;
  sessionName: string;
  chatId: string;
  chatName: string;
  /** Queues the reply (the outbox sends it). */
  onSend(reply: { contact: SharedContact } | { poll: NewPoll } | { location: SharedLocation } | { event: NewEvent }): Promise<void>;
}

export function ReplyTools({ sessionId, sessionName, chatId, chatName, onSend }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState<'contact' | 'poll' | 'event' | 'location' | null>(null);
  const close = () => setOpen(null);
  return (
    <>
      <MenuButton
        label={t('replyTools.open')}
        icon="plus"
        size="md"
        align="left"
        up
        items={[
          { label: t('share.open'), icon: 'user', onSelect: () => setOpen('contact') },
          { label: t('newPoll.open'), icon: 'chart', onSelect: () => setOpen('poll') },
          { label: t('newEvent.open'), icon: 'calendar', onSelect: () => setOpen('event') },
          { label: t('location.open'), icon: 'map', onSelect: () => setOpen('location') },
        ]}
      />
      <ShareContactDialog open={open === 'contact'} onClose={close} sessionId={sessionId} sessionName={sessionName} chatId={chatId} chatName={chatName} onShare={(contact) => onSend({ contact })} />
      <NewPollDialog open={open === 'poll'} onClose={close} chatName={chatName} onSend={(poll) => onSend({ poll })} />
      <NewEventDialog open={open === 'event'} onClose={close} chatName={chatName} onSend={(event) => onSend({ event })} />
      <SendLocationDialog open={open === 'location'} onClose={close} sessionId={sessionId} chatName={chatName} onSend={(location) => onSend({ location })} />
    </>
  );
}
