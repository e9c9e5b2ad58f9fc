/** The reply box's other ways to answer, beside the attach button: a contact card, a poll. */
import { NewPollButton } from './NewPoll.tsx';
import { ShareContactButton } from './ShareContact.tsx';
import type { NewPoll, SharedContact } from '../outbox/types.ts';

interface Props {
  sessionId: string;
  sessionName: string;
  chatId: string;
  chatName: string;
  /** Queues the reply (the outbox sends it). */
  onSend(reply: { contact: SharedContact } | { poll: NewPoll }): Promise<void>;
}

export function ReplyTools({ sessionId, sessionName, chatId, chatName, onSend }: Props) {
  return (
    <>
      <ShareContactButton sessionId={sessionId} sessionName={sessionName} chatId={chatId} chatName={chatName} onShare={(contact) => onSend({ contact })} />
      <NewPollButton chatName={chatName} onSend={(poll) => onSend({ poll })} />
    </>
  );
}
