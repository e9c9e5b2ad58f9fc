/** A small emoji palette (the ones agents use most); arrow keys move, Escape closes. */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useI18n } from '../../../i18n/index.tsx';

const EMOJIS = '😀 😃 😄 😁 😊 🙂 😉 😍 😘 🤗 🤔 😅 😂 🤣 😇 😌 😎 🙃 😔 😢 😭 😡 😱 🥳 👍 👎 👌 🙏 👏 🙌 💪 👋 ✌️ 🤝 ❤️ 💚 💙 💯 ✅ ❌ ⚠️ ⭐ 🔥 🎉 🎁 📦 🚚 📍 📞 📧 💬 🕒 📅 💳 💰 🧾 🛒 🏠 ☕ 🍕 ☀️ 🌧️ 😴'.split(' ');

/** The emoji palette; `onPick` inserts one. */
export function EmojiPicker({ onPick, onClose }: { onPick(e: string): void; onClose(): void }) {
  const { t } = useI18n();
  const grid = useRef<HTMLDivElement>(null);
  useEffect(() => {
    grid.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);
  const onKey = (e: KeyboardEvent) => {
    const buttons = [...(grid.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const cols = 8;
    const go = (i: number) => buttons[Math.max(0, Math.min(buttons.length - 1, i))]?.focus();
    if (e.key === 'ArrowRight') go(at + 1);
    else if (e.key === 'ArrowLeft') go(at - 1);
    else if (e.key === 'ArrowDown') go(at + cols);
    else if (e.key === 'ArrowUp') go(at - cols);
    else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div ref={grid} className="emoji-picker" role="group" aria-label={t('composer.emoji')} onKeyDown={onKey}>
      {EMOJIS.map((e) => (
        <button key={e} type="button" className="emoji" onClick={() => onPick(e)} aria-label={e}>
          {e}
        </button>
      ))}
    </div>
  );
}
