/**
 * Whether the session's account may write in a group chat, so the reply box says so before
 * anyone types: not when the group lets only admins send and the account is not one
 * (`admins_only`), nor once the account has left the group (`not_in_group`). Asked of WhatsApp
 * (the group's details) when the chat opens, and again after each change to the group — the
 * chat list carries the latest one (`lastMessageSystem`). Unknown (not connected, still asking)
 * blocks nothing: the send itself then fails with the reason.
 */
import type { InboxChatView } from '@switchboard/shared';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/http.ts';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { inboxApi } from '../inboxApi.ts';
import { replyBlockOf, type ReplyBlock } from './groupAdmin.ts';

export function useReplyBlock(sessionId: string, chatId: string, chat: InboxChatView | undefined): ReplyBlock | null {
  const api = useApi();
  const isGroup = !!chat?.isGroup;
  // The latest change to the group seen while the chat is open (a later message clears the list's).
  const lastChange = useRef<string | null>(null);
  if (chat?.lastMessageSystem) lastChange.current = `${chat.lastMessageAt}:${chat.lastMessageSystem.action}`;
  const changed = lastChange.current;
  const [answer, setAnswer] = useState<{ chatId: string; block: ReplyBlock | null } | null>(null);
  useEffect(() => {
    if (!isGroup) return;
    const ctl = new AbortController();
    inboxApi(api)
      .groupInfo(sessionId, chatId, ctl.signal)
      .then(
        (g) => setAnswer({ chatId, block: replyBlockOf(g) }),
        (err: unknown) => {
          if (!ctl.signal.aborted) setAnswer({ chatId, block: err instanceof ApiError && err.code === 'not_in_group' ? 'not_in_group' : null });
        },
      );
    return () => ctl.abort();
  }, [api, sessionId, chatId, isGroup, changed]);
  return isGroup && answer?.chatId === chatId ? answer.block : null;
}
