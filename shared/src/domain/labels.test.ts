import { describe, expect, it } from 'vitest';
import { labelKey, labelName } from './labels.ts';

describe('label names', () => {
  it('are trimmed with single inner spaces, and compared without case', () => {
    expect(labelName('  Pago   pendiente ')).toBe('Pago pendiente');
    expect(labelKey('  URGENTE ')).toBe(labelKey('urgente'));
    expect(labelKey('Pago  pendiente')).toBe('pago pendiente');
    expect(labelKey('Envío')).not.toBe(labelKey('Envio'));
  });
});
