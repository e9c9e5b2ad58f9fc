import { describe, expect, it } from 'vitest';
import { searchPattern } from './searchPattern.ts';

const finds = (q: string, s: string) => new RegExp(searchPattern(q), 'i').test(s);

describe('searchPattern', () => {
  it('finds text whatever its accents and case', () => {
    expect(finds('informacion', 'Pedí información ayer')).toBe(true);
    expect(finds('José', 'JOSE PÉREZ')).toBe(true);
    expect(finds('Pedido', 'pedído')).toBe(true);
    expect(finds('nino', 'el niño')).toBe(true);
    expect(finds('factura', 'la fractura')).toBe(false);
  });

  it('takes regular-expression characters literally', () => {
    expect(finds('1+1', 'es 1+1=2')).toBe(true);
    expect(finds('1+1', 'es 11')).toBe(false);
    expect(finds('(a)', 'ver (á)')).toBe(true);
    expect(finds('.*', 'nada')).toBe(false);
    expect(finds('\\c', 'a\\c')).toBe(true);
  });
});
