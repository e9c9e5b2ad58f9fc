/**
 * Reacting to a message: the button beside a bubble opens WhatsApp's six quick reactions; the one
 * already ours is marked and picking it again takes it back; *+* opens every emoji (the reply
 * box's picker, drawn over the page so the thread's scrolling never clips it). Arrow keys move,
 * Escape closes (focus returns to the button), a click elsewhere closes.
 */
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { IconButton } from '../../../ui/Button.tsx';
import { EmojiPicker } from './emoji/EmojiPicker.tsx';

/** The picker's size (styles: .emoji-picker), to place it beside the button within the window. */
const PICKER = { width: 320, height: 356 };

/** Where the whole picker shows for a button at `r`: above it when it fits, else below; within the window. */
export function pickerPlace(r: { top: number; bottom: number; left: number }, win: { width: number; height: number }): CSSProperties {
  const top = r.top >= PICKER.height + 8 ? r.top - PICKER.height - 4 : Math.min(r.bottom + 4, win.height - PICKER.height - 8);
  const left = Math.max(8, Math.min(r.left - PICKER.width / 2, win.width - PICKER.width - 8));
  return { position: 'fixed', top: Math.max(8, top), left, bottom: 'auto' };
}

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

/** The react button and its palette; `onReact('')` takes `mine` back. */
export function ReactionPicker({ mine, onReact }: { mine: string | null; onReact(emoji: string): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [more, setMore] = useState<CSSProperties | null>(null);
  const wrap = useRef<HTMLSpanElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    box.current?.querySelector<HTMLButtonElement>('[aria-pressed="true"], button')?.focus();
    const away = (e: MouseEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);
  const close = () => {
    setOpen(false);
    wrap.current?.querySelector<HTMLButtonElement>('button')?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const buttons = [...(box.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowRight') buttons[Math.min(buttons.length - 1, at + 1)]?.focus();
    else if (e.key === 'ArrowLeft') buttons[Math.max(0, at - 1)]?.focus();
    else if (e.key === 'Escape') close();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <span ref={wrap} className="reaction-anchor">
      <IconButton icon="smile" size="sm" label={t('thread.react')} aria-expanded={open} onClick={() => setOpen((o) => !o)} />
      {open && (
        <div ref={box} className="reaction-picker" role="group" aria-label={t('thread.react')} onKeyDown={onKey}>
          {QUICK_REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="emoji"
              aria-pressed={emoji === mine}
              aria-label={emoji === mine ? t('thread.reactUndo', { emoji }) : t('thread.reactWith', { emoji })}
              onClick={() => {
                close();
                onReact(emoji === mine ? '' : emoji);
              }}
            >
              {emoji}
            </button>
          ))}
          <button
            type="button"
            className="emoji reaction-more"
            aria-label={t('thread.reactMore')}
            title={t('thread.reactMore')}
            onClick={() => {
              const r = wrap.current!.getBoundingClientRect();
              setOpen(false);
              setMore(pickerPlace(r, { width: window.innerWidth, height: window.innerHeight }));
            }}
          >
            +
          </button>
        </div>
      )}
      {more &&
        createPortal(
          <EmojiPicker
            label={t('thread.reactMore')}
            anchor={wrap.current}
            style={more}
            onPick={(emoji) => {
              setMore(null);
              onReact(emoji === mine ? '' : emoji);
            }}
            onClose={() => {
              setMore(null);
              wrap.current?.querySelector<HTMLButtonElement>('button')?.focus();
            }}
            onAway={() => setMore(null)}
          />,
          document.body,
        )}
    </span>
  );
}
