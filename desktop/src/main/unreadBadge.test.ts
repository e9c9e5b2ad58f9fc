import { describe, expect, it, vi } from 'vitest';
import { MESSAGES } from './messages.ts';
import { createUnreadBadge } from './unreadBadge.ts';

function fakeWindow(focused = false) {
  return { isDestroyed: () => false, isFocused: () => focused, setOverlayIcon: vi.fn(), flashFrame: vi.fn() };
}

describe('unread badge', () => {
  it('sets the launcher/dock badge on macOS and Linux', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const app = { setBadgeCount: vi.fn(() => true) };
      const onChange = vi.fn();
      const badge = createUnreadBadge({ app, platform, window: () => null, overlayIcon: () => 'icon' as never, messages: MESSAGES.en, onChange });
      badge.set(4);
      badge.set(4);
      badge.set(0);
      expect(app.setBadgeCount.mock.calls).toEqual([[4], [0]]);
      expect(onChange.mock.calls).toEqual([[4], [0]]);
      expect(badge.count()).toBe(0);
    }
  });

  it('on Windows shows an overlay icon and flashes the frame when the count grows while unfocused', () => {
    const win = fakeWindow(false);
    const app = { setBadgeCount: vi.fn() };
    const badge = createUnreadBadge({ app, platform: 'win32', window: () => win as never, overlayIcon: () => 'red' as never, messages: MESSAGES.es });
    badge.set(2);
    expect(win.setOverlayIcon).toHaveBeenLastCalledWith('red', '2 sin leer');
    expect(win.flashFrame).toHaveBeenCalledTimes(1);
    badge.set(1);
    expect(win.flashFrame).toHaveBeenCalledTimes(1); // fewer unread: no flash
    badge.set(0);
    expect(win.setOverlayIcon).toHaveBeenLastCalledWith(null, '');
    expect(app.setBadgeCount).not.toHaveBeenCalled();
  });

  it('does not flash a focused window', () => {
    const win = fakeWindow(true);
    const badge = createUnreadBadge({ app: { setBadgeCount: vi.fn() }, platform: 'win32', window: () => win as never, overlayIcon: () => 'red' as never, messages: MESSAGES.en });
    badge.set(5);
    expect(win.flashFrame).not.toHaveBeenCalled();
  });
});
