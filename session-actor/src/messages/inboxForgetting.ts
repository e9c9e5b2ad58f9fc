import type { Inbox } from './inbox.ts';

/** How long the deletion of an announced message's inbox entry waits for others to join it. */
export const FORGET_AFTER_MS = 500;

/** Deletion of the inbox entries of announced messages, for the life of an actor. */
export interface InboxForgetting {
  /** Deletes the message's entries within FORGET_AFTER_MS, with the others of its burst. */
  forget(messageId: string): void;
  /** The actor is stopping: deletes what waits now (and later ones at once), then the inbox's marker if nothing is left. */
  close(): void;
}

/**
 * Deletes announced messages' inbox entries a burst at a time (issue 13): entries that become
 * deletable within FORGET_AFTER_MS of the first go in one request, through the actor's
 * persistence queue (`enqueue`). A kill in that window only announces those messages again at
 * the next start. One per actor, whatever the socket.
 */
export function forgetInBatches(inbox: Inbox, enqueue: (task: () => Promise<unknown>) => void, delayMs = FORGET_AFTER_MS): InboxForgetting {
  let waiting: string[] = [];
  let timer: NodeJS.Timeout | null = null;
  let closing = false;
  const now = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiting.length === 0) return;
    const ids = waiting;
    waiting = [];
    enqueue(() => inbox.done(ids));
  };
  return {
    forget(messageId) {
      waiting.push(messageId);
      if (closing) now();
      else if (!timer) {
        timer = setTimeout(now, delayMs);
        timer.unref();
      }
    },
    close() {
      closing = true;
      now();
      enqueue(() => inbox.close());
    },
  };
}
