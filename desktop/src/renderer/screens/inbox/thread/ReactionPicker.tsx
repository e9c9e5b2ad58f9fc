/**
 * Reacting to a message: the button beside a bubble opens WhatsApp's six quick reactions; the one
 * already ours is marked and picking it again takes it back. Arrow keys move, Escape closes (focus
 * returns to the button), a click elsewhere closes.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { IconButton } from '../../../ui/Button.tsx';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

/** The react button and its palette; `onReact('')` takes `mine` back. */
export function ReactionPicker({ mine, onReact }: { mine: string | null; onReact(emoji: string): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
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
        </div>
      )}
    </span>
  );
}
