import { describe, expect, it } from 'vitest';
import { fold, matchScore, rankByMatch } from './match.ts';

describe('palette matching', () => {
  it('folds case and accents', () => {
    expect(fold('Auditoría ÑANDÚ')).toBe('auditoria nandu');
  });

  it('finds a label whatever the accents and case, and not one missing a typed word', () => {
    expect(matchScore('auditoria', 'Auditoría')).toBeGreaterThan(0);
    expect(matchScore('SESION', 'Sesiones')).toBeGreaterThan(0);
    expect(matchScore('ventas norte', 'Ventas Madrid')).toBe(0);
    expect(matchScore('ventas madrid', 'Ventas Madrid')).toBeGreaterThan(0);
  });

  it('matches keywords, ranked below the label', () => {
    expect(matchScore('sessions', 'Sesiones', ['Sessions'])).toBe(1);
    expect(matchScore('sessions', 'Sesiones')).toBe(0);
  });

  it('ranks a prefix above a word start above a substring', () => {
    expect(matchScore('ven', 'Ventas')).toBe(4);
    expect(matchScore('mad', 'Ventas Madrid')).toBe(3);
    expect(matchScore('ntas', 'Ventas')).toBe(2);
  });

  it('keeps every item for an empty query, in order', () => {
    const items = ['b', 'a'];
    expect(rankByMatch(items, '  ', (label) => ({ label }))).toEqual(['b', 'a']);
  });

  it('sorts matches best first and stably', () => {
    const items = ['Roles y permisos', 'Usuarios', 'Asignaciones', 'Cambiar de usuario'];
    expect(rankByMatch(items, 'us', (label) => ({ label }))).toEqual(['Usuarios', 'Cambiar de usuario']);
    expect(rankByMatch(['Mis sesiones', 'Sesiones', 'Posesión'], 'ses', (label) => ({ label }))).toEqual(['Sesiones', 'Mis sesiones', 'Posesión']);
  });
});
