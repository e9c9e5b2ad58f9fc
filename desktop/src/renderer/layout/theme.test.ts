import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadTheme, resolveTheme, saveTheme } from './theme.ts';

/** A localStorage of one key space, as the renderer has. */
function fakeStorage(broken = false) {
  const items = new Map<string, string>();
  const fail = () => {
    if (broken) throw new Error('QuotaExceededError');
  };
  return {
    getItem: (k: string) => (fail(), items.get(k) ?? null),
    setItem: (k: string, v: string) => (fail(), void items.set(k, v)),
    removeItem: (k: string) => (fail(), void items.delete(k)),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('theme', () => {
  it("follows the system until the user chooses, then shows the choice whatever the system says", () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('remembers the choice on this device; the system is no stored choice; anything else reads as system', () => {
    vi.stubGlobal('localStorage', fakeStorage());
    expect(loadTheme()).toBe('system');
    saveTheme('dark');
    expect(loadTheme()).toBe('dark');
    saveTheme('system');
    expect(loadTheme()).toBe('system');
    localStorage.setItem('switchboard.theme', 'purple');
    expect(loadTheme()).toBe('system');
  });

  it('never fails for want of storage', () => {
    vi.stubGlobal('localStorage', fakeStorage(true));
    expect(() => saveTheme('dark')).not.toThrow();
    expect(loadTheme()).toBe('system');
  });
});
