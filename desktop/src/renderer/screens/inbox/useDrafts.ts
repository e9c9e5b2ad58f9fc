/**
 * The user's reply drafts on this device (model/drafts.ts): loaded once, changed per chat, written
 * to localStorage a moment after the last change, when the page goes away and when the inbox
 * unmounts. Files picked for a reply are kept with the draft too, in IndexedDB
 * (model/draftFilesStore.ts: across reloads and restarts, within its bounds; in memory only
 * where the browser has no IndexedDB or a chat's files are too large).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { indexedDbDraftFiles, prune, storable } from './model/draftFilesStore.ts';
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
  usePersistedFiles(userId, files, setFileMap);
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

/**
 * Loads the stored draft files once (a file picked meanwhile wins), then stores each chat's
 * files when they change and forgets them once sent or removed. Storage failures (quota, a
 * private window) leave the files in memory: the draft itself is never lost to them.
 */
function usePersistedFiles(userId: string, files: DraftFiles, setFileMap: (update: (m: DraftFiles) => DraftFiles) => void): void {
  const store = useMemo(() => indexedDbDraftFiles(userId), [userId]);
  const [loaded, setLoaded] = useState(false);
  const persisted = useRef<DraftFiles>(new Map());
  useEffect(() => {
    if (!store) return;
    let live = true;
    store.all().then(
      (entries) => {
        if (!live) return;
        const { keep, drop } = prune(entries, Date.now());
        for (const key of drop) void store.remove(key).catch(() => undefined);
        persisted.current = new Map(keep.map((e) => [e.key, e.files]));
        setFileMap((m) => {
          const next = new Map(m);
          for (const e of keep) if (!next.has(e.key) && e.files.length) next.set(e.key, e.files);
          return next;
        });
        setLoaded(true);
      },
      () => live && setLoaded(true),
    );
    return () => {
      live = false;
    };
  }, [store]);
  useEffect(() => {
    if (!store || !loaded) return;
    const before = persisted.current;
    for (const [key, picked] of files) {
      if (before.get(key) === picked) continue;
      if (storable(picked)) void store.put({ key, files: [...picked], at: Date.now() }).catch(() => undefined);
      else void store.remove(key).catch(() => undefined);
    }
    for (const key of before.keys()) if (!files.has(key)) void store.remove(key).catch(() => undefined);
    persisted.current = files;
  }, [files, loaded, store]);
}
