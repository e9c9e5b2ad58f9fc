/**
 * The emoji a user picked lately, remembered on this device: the picker's first tab, after which
 * come the ones agents use most, so a new user's first tab is useful too.
 */
import { emojiKey } from './emojiCatalog.ts';

const KEY = 'switchboard.emoji.recent';
/** How many picked emoji are remembered. */
export const RECENT_LIMIT = 24;

/** What agents send most (the first tab before anything was picked). */
export const FAVOURITE_EMOJIS: readonly string[] = '😀 😊 🙂 😉 😍 🤗 🤔 😅 😂 😇 😎 😔 😢 😡 🥳 👍 👌 🙏 👏 💪 👋 🤝 ❤️ 💯 ✅ ❌ ⚠️ ⭐ 🔥 🎉 🎁 📦 🚚 📍 📞 💬 🕒 📅 💳 💰 🧾 🛒'.split(' ');

/** The picked emoji, most recent first (an unreadable store is an empty list). */
export function loadRecent(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((e): e is string => typeof e === 'string').slice(0, RECENT_LIMIT) : [];
  } catch {
    return [];
  }
}

/** `recent` with `emoji` moved (or added) to the front, at most RECENT_LIMIT. */
export function withRecent(recent: readonly string[], emoji: string): string[] {
  const key = emojiKey(emoji);
  return [emoji, ...recent.filter((e) => emojiKey(e) !== key)].slice(0, RECENT_LIMIT);
}

/** Remembers a pick (a full storage is no reason to fail). */
export function rememberRecent(emoji: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(withRecent(loadRecent(), emoji)));
  } catch {
    /* not remembered */
  }
}

/** The first tab: the recent picks, then the favourites not among them. */
export function frequentEmojis(recent: readonly string[]): string[] {
  const seen = new Set(recent.map(emojiKey));
  return [...recent, ...FAVOURITE_EMOJIS.filter((e) => !seen.has(emojiKey(e)))];
}
