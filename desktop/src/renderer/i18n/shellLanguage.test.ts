import { describe, expect, it, vi } from 'vitest';
import { tellShellLanguage } from './shellLanguage.ts';

describe('tellShellLanguage', () => {
  it('tells the desktop shell the language, and asks nothing of a shell that cannot take it', () => {
    const shell = { setLanguage: vi.fn() };
    tellShellLanguage('en', shell);
    tellShellLanguage('es', shell);
    expect(shell.setLanguage.mock.calls).toEqual([['en'], ['es']]);
    expect(() => tellShellLanguage('es', {})).not.toThrow();
  });
});
