/**
 * The scheduled replies of the open chat: loaded when it opens, kept current by the
 * `scheduled-message` socket event (scheduled, sent, cancelled, not sent — from any console or
 * the dispatcher), and loaded again whenever the connection is back live (events are not
 * replayed).
 */
import type { ScheduledMessageView } from '@switchboard/shared';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useRealtime, useSocketEvent } from '../../../realtime/RealtimeProvider.tsx';
import { inboxApi, type ScheduleExtra } from '../inboxApi.ts';
import { upsertScheduled } from './scheduledList.ts';

/** What the thread needs of a chat's scheduled replies. */
export interface ScheduledReplies {
  list: ScheduledMessageView[];
  schedule(text: string, sendAt: number, extra?: ScheduleExtra): Promise<ScheduledMessageView>;
  sendNow(id: string): Promise<ScheduledMessageView>;
  change(id: string, change: { text?: string; sendAt?: number }): Promise<ScheduledMessageView>;
  cancel(id: string): Promise<void>;
}

/** The scheduled replies of one chat (see the module comment). */
export function useScheduled(sessionId: string, chatId: string): ScheduledReplies {
  const rest = inboxApi(useApi());
  const { state } = useRealtime();
  const [list, setList] = useState<ScheduledMessageView[]>([]);

  useEffect(() => {
    setList([]);
    if (state !== 'live') return;
    let cancelled = false;
    rest.scheduled(sessionId, chatId).then(
      (l) => !cancelled && setList(l),
      () => undefined, // the thread still works; the list comes back with the next reload
    );
    return () => {
      cancelled = true;
    };
  }, [sessionId, chatId, state]);

  useSocketEvent('scheduled-message', (e: ScheduledMessageView) => e.sessionId === sessionId && e.chatId === chatId && setList((l) => upsertScheduled(l, e)));

  const update = (s: ScheduledMessageView) => {
    setList((l) => upsertScheduled(l, s));
    return s;
  };
  const schedule = useCallback(async (text: string, sendAt: number, extra: ScheduleExtra = {}) => update(await rest.schedule(sessionId, chatId, text, sendAt, extra)), [sessionId, chatId]);
  const sendNow = useCallback(async (id: string) => update(await rest.sendScheduled(sessionId, chatId, id)), [sessionId, chatId]);
  const change = useCallback(async (id: string, c: { text?: string; sendAt?: number }) => update(await rest.reschedule(sessionId, chatId, id, c)), [sessionId, chatId]);
  const cancel = useCallback(
    async (id: string) => {
      await rest.cancelScheduled(sessionId, chatId, id);
      setList((l) => l.filter((s) => s.id !== id));
    },
    [sessionId, chatId],
  );
  return { list, schedule, sendNow, change, cancel };
}
