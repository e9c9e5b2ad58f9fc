import { describe, expect, it } from 'vitest';
import { MESSAGES, messagesFor, pickLocale } from './messages.ts';

describe('messages', () => {
  it('picks Spanish for any es locale and English otherwise', () => {
    for (const l of ['es', 'es-ES', 'es-419', 'es_MX', 'ES-ar']) expect(pickLocale(l)).toBe('es');
    for (const l of ['en-US', 'fr', 'pt-BR', 'et', '', undefined]) expect(pickLocale(l)).toBe('en');
    expect(messagesFor('es-AR')).toBe(MESSAGES.es);
  });

  it('has the same keys in both languages, none empty', () => {
    const keys = (o: object) => Object.keys(o).sort();
    expect(keys(MESSAGES.es)).toEqual(keys(MESSAGES.en));
    expect(keys(MESSAGES.es.roles)).toEqual(keys(MESSAGES.en.roles));
    for (const m of Object.values(MESSAGES)) {
      for (const v of Object.values(m)) if (typeof v === 'string') expect(v.length).toBeGreaterThan(0);
    }
  });

  it('words counts in singular and plural', () => {
    expect(MESSAGES.es.quitConfirmMessage(1)).toContain('1 conversación sin leer');
    expect(MESSAGES.en.quitConfirmMessage(2)).toContain('2 unread conversations');
  });
});
