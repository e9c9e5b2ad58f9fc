/**
 * App-wide keys: `g` then a section letter jumps there (g i inbox, g s sessions…), `?` opens the
 * cheat sheet, Ctrl / ⌘ + K the command palette (even from a text field: it types nothing).
 * Other keys typed in a field are left alone.
 */
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { NavItem } from './nav.ts';

/** True when the key event comes from somewhere the user types text. */
export function isTyping(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

/** Installs the global shortcuts. */
export function useGlobalShortcuts(items: readonly NavItem[], openHelp: () => void, openPalette: () => void): void {
  const navigate = useNavigate();
  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k' && !e.defaultPrevented) {
        // Not over another dialog: its work (a form half filled) comes first.
        if (document.querySelector('dialog[open]')) return;
        e.preventDefault();
        openPalette();
        return;
      }
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.key === '?') {
        e.preventDefault();
        openHelp();
        return;
      }
      if (e.key === 'g') {
        pendingG = Date.now();
        return;
      }
      if (pendingG && Date.now() - pendingG < 1500) {
        pendingG = 0;
        const item = items.find((n) => n.key === e.key);
        if (item) {
          e.preventDefault();
          navigate(item.to);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, navigate, openHelp, openPalette]);
}
