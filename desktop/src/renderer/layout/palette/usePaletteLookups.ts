/**
 * What the command palette finds on the server as the user types (two characters or more,
 * settled for 200 ms): conversations the user may read, sessions and users when the user may
 * open those screens. One request per kind, the previous ones aborted; each kind only if the
 * user's abilities allow it, so nobody is shown what the gateway would refuse.
 */
import { useEffect, useState } from 'react';
import type { InboxChatView, ListPage, SessionView, UserView } from '@switchboard/shared';
import { useAbility, useApi } from '../../auth/AuthProvider.tsx';
import { useDebounced } from '../../hooks/useResource.ts';
import { NAV } from '../nav.ts';

/** Hits of each kind (empty when not looked up). */
export interface PaletteLookups {
  chats: InboxChatView[];
  sessions: SessionView[];
  users: UserView[];
  /** A lookup is under way for the current text. */
  busy: boolean;
  /** The first error of the last lookup (the others still show). */
  error: unknown;
}

const NONE: PaletteLookups = { chats: [], sessions: [], users: [], busy: false, error: null };
/** Hits per kind: the palette is for jumping, the screens are for browsing. */
export const LOOKUP_LIMIT = 5;
/** Shorter texts match too much to be worth a request. */
export const MIN_LOOKUP = 2;

/** Looks `text` up while the palette is open. */
export function usePaletteLookups(text: string, open: boolean): PaletteLookups {
  const api = useApi();
  const ability = useAbility();
  const query = useDebounced(text.trim(), 200);
  const [state, setState] = useState<PaletteLookups & { query: string }>({ ...NONE, query: '' });
  const canChats = ability.can('read', 'Chat');
  const canSessions = NAV.find((n) => n.to === '/sessions')!.visible(ability);
  const canUsers = NAV.find((n) => n.to === '/users')!.visible(ability);

  useEffect(() => {
    if (!open || query.length < MIN_LOOKUP) {
      setState({ ...NONE, query });
      return;
    }
    const ctl = new AbortController();
    const opts = { signal: ctl.signal };
    const page = { q: query, limit: LOOKUP_LIMIT, page: 1 };
    const ask = <T,>(allowed: boolean, path: string, extra: Record<string, string> = {}) =>
      allowed ? api.get<ListPage<T>>(path, { ...page, ...extra }, opts).then((p) => p.data) : Promise.resolve([] as T[]);
    setState((s) => ({ ...s, busy: true, query }));
    void Promise.allSettled([
      ask<InboxChatView>(canChats, '/api/chats'),
      ask<SessionView>(canSessions, '/api/sessions'),
      ask<UserView>(canUsers, '/api/users'),
    ]).then(([chats, sessions, users]) => {
      if (ctl.signal.aborted) return;
      const error = [chats, sessions, users].find((r) => r.status === 'rejected')?.reason ?? null;
      const data = <T,>(r: PromiseSettledResult<T[]>): T[] => (r.status === 'fulfilled' ? r.value : []);
      setState({ chats: data(chats), sessions: data(sessions), users: data(users), busy: false, error, query });
    });
    return () => ctl.abort();
  }, [api, open, query, canChats, canSessions, canUsers]);

  // Text typed since the last lookup settled: say so rather than show hits for other words.
  const pending = text.trim().length >= MIN_LOOKUP && text.trim() !== state.query;
  return { chats: state.chats, sessions: state.sessions, users: state.users, busy: state.busy || pending, error: state.error };
}
