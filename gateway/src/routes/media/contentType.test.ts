import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isInlineSafe, sniffContentType } from './contentType.ts';

const OGG_OPUS = Buffer.from(`OggS\0\x02${'\0'.repeat(20)}\x01\x13OpusHead\x01\x01`, 'latin1');
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1');

describe('isInlineSafe', () => {
  it('serves images (not SVG), audio, video and PDF inline and nothing else', () => {
    for (const t of ['image/png', 'image/jpeg', 'image/webp', 'audio/ogg; codecs=opus', 'video/mp4', 'application/pdf']) expect(isInlineSafe(t), t).toBe(true);
    for (const t of ['image/svg+xml', 'IMAGE/SVG+XML', 'text/html', 'text/plain', 'application/xml', 'application/json', 'application/octet-stream', 'application/zip']) {
      expect(isInlineSafe(t), t).toBe(false);
    }
  });
});

describe('sniffContentType', () => {
  it('believes the bytes, not the client', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } }).png().toBuffer();
    expect(await sniffContentType(png, 'image/jpeg')).toBe('image/png');
    expect(await sniffContentType(png, 'text/html')).toBe('image/png');
    expect(await sniffContentType(PDF, 'image/png')).toBe('application/pdf');
    expect(await sniffContentType(Buffer.from('MZ\x90\0'.padEnd(64, '\0'), 'latin1'), 'application/pdf')).toBe('application/x-msdownload');
    expect(await sniffContentType(Buffer.from('<?xml version="1.0"?><svg/>'), 'image/svg+xml')).toBe('application/xml');
  });

  it('keeps a claim that names the sniffed container more precisely', async () => {
    expect(await sniffContentType(OGG_OPUS, 'audio/ogg; codecs=opus')).toBe('audio/ogg; codecs=opus');
    expect(await sniffContentType(OGG_OPUS, 'video/ogg')).toBe('video/ogg');
    const zip = Buffer.from(`PK\x03\x04${'\0'.repeat(60)}`, 'latin1');
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(await sniffContentType(zip, docx)).toBe(docx);
  });

  it('keeps unverifiable claims only when they are not served inline', async () => {
    expect(await sniffContentType(Buffer.from('hola, nombre;fecha\n'), 'text/csv')).toBe('text/csv');
    expect(await sniffContentType(Buffer.from('just text'), 'image/png')).toBe('application/octet-stream');
    expect(await sniffContentType(Buffer.from('<html><script>1</script>'), 'application/pdf')).toBe('application/octet-stream');
    expect(await sniffContentType(Buffer.alloc(0), 'audio/ogg')).toBe('application/octet-stream');
  });
});
