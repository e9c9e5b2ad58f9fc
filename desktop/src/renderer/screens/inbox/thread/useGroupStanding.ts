/**
 * Where the session's account stands in a group chat, so the thread says it before anyone acts:
 * - `replyBlock`: the account may not write there — the group lets only admins send and it is
 *   not one (`admins_only`), or it has left the group (`not_in_group`); the reply box says so.
 * - `waiting`: how many people asked to join by link and wait for an admin, for a user who may
 *   answer them (the account an admin, approval on); the thread offers to review them.
 * - `names`: the members' names, so a vote or an answer from someone who never wrote in the
 *   group is named.
 * Asked of WhatsApp (the group's details) when the chat opens, and again after each change to the
 * group — the chat list carries the latest one (`lastMessageSystem`). Unknown (not connected,
 * still asking) blocks nothing and shows nobody waiting: a send then fails with the reason.
 */
import type { InboxChatView } from '@switchboard/shared';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/http.ts';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { inboxApi } from '../inboxApi.ts';
import { accountIsAdmin, replyBlockOf, type ReplyBlock } from './groupAdmin.ts';

export interface GroupStanding {
  replyBlock: ReplyBlock | null;
  waiting: number;
  /** The members' names by id (the contact's chat name, else their push name), for who voted or answered. */
  names: ReadonlyMap<string, string>;
}

const NOTHING: GroupStanding = { replyBlock: null, waiting: 0, names: new Map() };

/** `mayAnswer`: the user may change the group (`update Chat`), so may answer requests to join. */
export function useGroupStanding(sessionId: string, chatId: string, chat: InboxChatView | undefined, mayAnswer: boolean): GroupStanding {
  const api = useApi();
  const isGroup = !!chat?.isGroup;
  // The latest change to the group seen while the chat is open (a later message clears the list's).
  const lastChange = useRef<string | null>(null);
  if (chat?.lastMessageSystem) lastChange.current = `${chat.lastMessageAt}:${chat.lastMessageSystem.action}`;
  const changed = lastChange.current;
  const [answer, setAnswer] = useState<{ chatId: string; standing: GroupStanding } | null>(null);
  useEffect(() => {
    if (!isGroup) return;
    const ctl = new AbortController();
    const rest = inboxApi(api);
    const ask = async (): Promise<GroupStanding> => {
      try {
        const g = await rest.groupInfo(sessionId, chatId, ctl.signal);
        const answers = mayAnswer && g.approveNewMembers && accountIsAdmin(g);
        const waiting = answers ? await rest.groupRequests(sessionId, chatId, ctl.signal).then((r) => r.requests.length, () => 0) : 0;
        return { replyBlock: replyBlockOf(g), waiting, names: new Map(g.members.flatMap((m) => (m.name ? [[m.member, m.name] as const] : []))) };
      } catch (err) {
        return { replyBlock: err instanceof ApiError && err.code === 'not_in_group' ? 'not_in_group' : null, waiting: 0, names: NOTHING.names };
      }
    };
    void ask().then((standing) => {
      if (!ctl.signal.aborted) setAnswer({ chatId, standing });
    });
    return () => ctl.abort();
  }, [api, sessionId, chatId, isGroup, mayAnswer, changed]);
  return isGroup && answer?.chatId === chatId ? answer.standing : NOTHING;
}
