import { describe, expect, it } from 'vitest';
import { formatters } from '../../../i18n/index.tsx';
import { MESSAGES } from '../../../i18n/messages/index.ts';
import { aroundPhrase, daysAhead, whenPhrase } from './whenPhrase.ts';

const i18n = (locale: 'es' | 'en') => ({
  locale,
  fmt: formatters(locale),
  t: (key: string, vars: Record<string, string | number> = {}) => MESSAGES[locale][key as keyof (typeof MESSAGES)['es']].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k])),
});

describe('whenPhrase', () => {
  const now = new Date(2026, 11, 6, 23, 30).getTime();
  it('counts calendar days, not 24-hour spans', () => {
    expect(daysAhead(new Date(2026, 11, 6, 23, 59).getTime(), now)).toBe(0);
    expect(daysAhead(new Date(2026, 11, 7, 0, 5).getTime(), now)).toBe(1);
    expect(daysAhead(new Date(2027, 0, 1, 9).getTime(), now)).toBe(26);
  });
  it('says today and tomorrow in words, other days by date', () => {
    expect(whenPhrase(new Date(2026, 11, 6, 23, 45).getTime(), now, i18n('es'))).toBe('hoy, 23:45');
    expect(whenPhrase(new Date(2026, 11, 7, 9).getTime(), now, i18n('es'))).toBe('mañana, 9:00');
    expect(whenPhrase(new Date(2026, 11, 9, 9).getTime(), now, i18n('es'))).toBe('el 9 dic 2026, 9:00');
    expect(whenPhrase(new Date(2026, 11, 7, 9).getTime(), now, i18n('en'))).toBe('tomorrow, 9:00');
  });
  it('says roughly when for later today, and the day past midnight', () => {
    expect(aroundPhrase(new Date(2026, 11, 6, 23, 45).getTime(), now, i18n('es'))).toBe('hacia las 23:45');
    expect(aroundPhrase(new Date(2026, 11, 6, 23, 45).getTime(), now, i18n('en'))).toBe('around 23:45');
    expect(aroundPhrase(new Date(2026, 11, 7, 0, 10).getTime(), now, i18n('es'))).toBe('mañana, 0:10');
  });
});
