/**
 * Wires the offline outbox to the app: one queue per signed-in user (IndexedDB), sending through
 * the REST client, resumed whenever the connection comes back (browser `online`, Socket.IO
 * reconnect). Accepted replies are reported so the thread can show them as "pending" at once.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi, useMe } from '../../../auth/AuthProvider.tsx';
import { useRealtime } from '../../../realtime/RealtimeProvider.tsx';
import { inboxApi } from '../inboxApi.ts';
import { indexedDbOutbox, memoryOutbox } from './idbStore.ts';
import { OutboxQueue } from './OutboxQueue.ts';
import type { OutboxItem, SentReceipt } from './types.ts';

/** What the inbox gets from the outbox. */
export interface OutboxApi {
  items: OutboxItem[];
  queue: OutboxQueue;
}

/** The user's outbox queue and its items. */
export function useOutbox(onSent: (item: OutboxItem, receipt: SentReceipt) => void): OutboxApi {
  const api = useApi();
  const me = useMe();
  const realtime = useRealtime();
  const [items, setItems] = useState<OutboxItem[]>([]);
  const sentRef = useRef(onSent);
  sentRef.current = onSent;

  const queue = useMemo(() => {
    const store = typeof indexedDB === 'undefined' ? memoryOutbox() : indexedDbOutbox(me.id);
    const rest = inboxApi(api);
    return new OutboxQueue({
      store,
      send: async (item) => {
        const r = await rest.send({ sessionId: item.sessionId, chatId: item.chatId, clientId: item.clientId, ...(item.text ? { text: item.text } : {}), ...(item.quotedId ? { quotedId: item.quotedId } : {}), ...(item.mentions?.length ? { mentions: item.mentions.map((m) => m.jid) } : {}), ...(item.file ? { file: item.file } : {}), ...(item.fileName ? { fileName: item.fileName } : {}), ...(item.kind ? { kind: item.kind } : {}), ...(item.contact ? { contact: item.contact } : {}), ...(item.poll ? { poll: item.poll } : {}), ...(item.location ? { location: item.location } : {}), ...(item.event ? { event: item.event } : {}) });
        return { messageId: r.messageId, duplicate: r.duplicate };
      },
      onChange: setItems,
      onSent: (item, receipt) => sentRef.current(item, receipt),
    });
  }, [api, me.id, sentRef]);

  useEffect(() => {
    void queue.load();
    const online = () => queue.kick();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      queue.stop();
    };
  }, [queue]);

  // The server is reachable again as soon as the socket is live.
  useEffect(() => {
    if (realtime.state === 'live') queue.kick();
  }, [realtime.state, queue]);

  return { items, queue };
}
