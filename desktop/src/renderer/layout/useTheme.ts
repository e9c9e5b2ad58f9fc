import { useCallback, useState } from 'react';
import { loadTheme, saveTheme, showTheme, type ThemeChoice } from './theme.ts';

/** The theme chosen on this device and what changes it (remembered, shown at once). */
export function useTheme(): { choice: ThemeChoice; choose(next: ThemeChoice): void } {
  const [choice, setChoice] = useState(loadTheme);
  const choose = useCallback((next: ThemeChoice) => {
    saveTheme(next);
    showTheme(next);
    setChoice(next);
  }, []);
  return { choice, choose };
}
