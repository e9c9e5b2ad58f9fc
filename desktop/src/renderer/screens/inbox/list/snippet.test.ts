import { describe, expect, it } from 'vitest';
import { snippet } from './snippet.ts';

const render = (text: string, q: string) => snippet(text, q).map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('snippet', () => {
  it('marks every match, whatever its accents and case', () => {
    expect(render('Quería Información sobre la informacion', 'informacion')).toBe('Quería [Información] sobre la [informacion]');
    expect(render('Precio 1+1 y 11', '1+1')).toBe('Precio [1+1] y 11');
  });

  it('starts a little before a late match and cuts a long text with an ellipsis', () => {
    const text = `${'a'.repeat(100)} factura ${'b'.repeat(300)}`;
    const out = render(text, 'factura');
    expect(out.startsWith('…')).toBe(true);
    expect(out).toContain('[factura]');
    expect(out.endsWith('…')).toBe(true);
    expect(out.length).toBeLessThan(150);
  });

  it('keeps text with no match as it is (a caption the server matched in another field)', () => {
    expect(render('Hola  qué\ntal', 'zzz')).toBe('Hola qué tal');
  });
});
