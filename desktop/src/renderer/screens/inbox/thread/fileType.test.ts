import { describe, expect, it } from 'vitest';
import { fileTypeLabel } from './fileType.ts';

describe('file type labels', () => {
  it('names documents as people do, by MIME type first', () => {
    expect(fileTypeLabel('application/pdf', 'albaran-778.pdf')).toBe('PDF');
    expect(fileTypeLabel('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'tarifas')).toBe('Excel');
    expect(fileTypeLabel('text/plain; charset=utf-8', null)).toBe('TXT');
  });

  it('falls back to the extension, in capitals when unknown, and says nothing when neither helps', () => {
    expect(fileTypeLabel('application/octet-stream', 'presupuesto.docx')).toBe('Word');
    expect(fileTypeLabel('application/octet-stream', 'plano.DWG')).toBe('DWG');
    expect(fileTypeLabel('application/octet-stream', 'sin-extension')).toBeNull();
    expect(fileTypeLabel(null, null)).toBeNull();
  });
});
