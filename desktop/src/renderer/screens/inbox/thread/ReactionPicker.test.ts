import { describe, expect, it } from 'vitest';
import { pickerPlace } from './ReactionPicker.tsx';

const win = { width: 1360, height: 860 };

describe('where the full reaction picker shows', () => {
  it('above the button when it fits, else below, always within the window', () => {
    expect(pickerPlace({ top: 600, bottom: 624, left: 700 }, win)).toEqual({ position: 'fixed', top: 600 - 356 - 4, left: 540, bottom: 'auto' });
    // Near the top of the thread: below the button.
    expect(pickerPlace({ top: 120, bottom: 144, left: 700 }, win)).toMatchObject({ top: 148 });
    // Near the left and right edges: kept 8 px inside.
    expect(pickerPlace({ top: 600, bottom: 624, left: 20 }, win)).toMatchObject({ left: 8 });
    expect(pickerPlace({ top: 600, bottom: 624, left: 1350 }, win)).toMatchObject({ left: 1360 - 320 - 8 });
    // A short window: never below its bottom edge nor above its top.
    expect(pickerPlace({ top: 200, bottom: 224, left: 700 }, { width: 1360, height: 400 })).toMatchObject({ top: 36 });
  });
});
