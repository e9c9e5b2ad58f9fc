/**
 * The user's reply drafts on this device (model/drafts.ts): loaded once, changed per chat, written
 * to localStorage a moment after the last change, when the page goes away and when the inbox
 * unmounts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadDrafts, saveDrafts, withDraft, type DraftChange, type Drafts } from './model/drafts.ts';

/** Drafts of `userId`, and the function that records one chat's. */
export function useDrafts(userId: string): { drafts: Drafts; setDraft(key: string, change: DraftChange): void } {
  const [drafts, setDrafts] = useState<Drafts>(() => loadDrafts(userId, Date.now()));
  const setDraft = useCallback((key: string, change: DraftChange) => setDrafts((d) => withDraft(d, key, change, Date.now())), []);
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
  return { drafts, setDraft };
}
