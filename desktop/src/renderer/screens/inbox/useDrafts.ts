/**
 * The user's reply drafts on this device (model/drafts.ts): loaded once, changed per chat, written
 * to localStorage a moment after the last change, when the page goes away and when the inbox
 * unmounts. Files picked for a reply are kept with the draft while the app is open (moving to
 * other chats and screens), not across a reload: their bytes are not copied into storage.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadDrafts, saveDrafts, withDraft, type DraftChange, type Drafts } from './model/drafts.ts';

/** Files picked for a reply and not sent, by chat key. */
export type DraftFiles = ReadonlyMap<string, readonly File[]>;

/** What `useDrafts` gives. */
export interface DraftStore {
  drafts: Drafts;
  setDraft(key: string, change: DraftChange): void;
  files: DraftFiles;
  /** Sets a chat's picked files (or changes them from the current ones); none forgets them. */
  setFiles(key: string, files: readonly File[] | ((current: readonly File[]) => readonly File[])): void;
}

/** Drafts of `userId`, and the functions that record one chat's. */
export function useDrafts(userId: string): DraftStore {
  const [drafts, setDrafts] = useState<Drafts>(() => loadDrafts(userId, Date.now()));
  const setDraft = useCallback((key: string, change: DraftChange) => setDrafts((d) => withDraft(d, key, change, Date.now())), []);
  const [files, setFileMap] = useState<DraftFiles>(new Map());
  const setFiles = useCallback(
    (key: string, change: readonly File[] | ((current: readonly File[]) => readonly File[])) =>
      setFileMap((m) => {
        const current = m.get(key) ?? [];
        const picked = typeof change === 'function' ? change(current) : change;
        if (current.length === picked.length && current.every((f, i) => f === picked[i])) return m;
        const next = new Map(m);
        if (picked.length) next.set(key, [...picked]);
        else next.delete(key);
        return next;
      }),
    [],
  );
  const saved = useRef(drafts);
  useEffect(() => {
    if (saved.current === drafts) return;
    saved.current = drafts;
    const flush = () => saveDrafts(userId, drafts);
    const timer = setTimeout(flush, 400);
    window.addEventListener('pagehide', flush);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pagehide', flush);
    };
  }, [drafts, userId]);
  useEffect(() => () => saveDrafts(userId, saved.current), [userId]);
  return { drafts, setDraft, files, setFiles };
}
