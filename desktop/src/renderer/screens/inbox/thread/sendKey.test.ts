import { describe, expect, it } from 'vitest';
import { isSendPress, type KeyPress } from './sendKey.ts';

const press = (over: Partial<KeyPress>): KeyPress => ({ key: 'Enter', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, isComposing: false, ...over });

describe('isSendPress', () => {
  it('sends on Enter by default and keeps Shift+Enter for a new line', () => {
    expect(isSendPress(press({}), 'enter')).toBe(true);
    expect(isSendPress(press({ shiftKey: true }), 'enter')).toBe(false);
    expect(isSendPress(press({ ctrlKey: true }), 'enter')).toBe(true);
  });

  it('in Ctrl+Enter mode, Enter is a new line and Ctrl or Cmd+Enter sends', () => {
    expect(isSendPress(press({}), 'ctrl-enter')).toBe(false);
    expect(isSendPress(press({ ctrlKey: true }), 'ctrl-enter')).toBe(true);
    expect(isSendPress(press({ metaKey: true }), 'ctrl-enter')).toBe(true);
  });

  it('never sends while an input method composes, nor on other keys', () => {
    expect(isSendPress(press({ isComposing: true }), 'enter')).toBe(false);
    expect(isSendPress(press({ key: 'a' }), 'enter')).toBe(false);
    expect(isSendPress(press({ altKey: true }), 'enter')).toBe(false);
  });
});
