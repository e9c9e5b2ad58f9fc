import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatText } from './formatText.tsx';

const html = (text: string) => renderToStaticMarkup(<>{formatText(text)}</>);

describe('message text formatting', () => {
  it('renders WhatsApp bold, italic, strikethrough and monospace', () => {
    expect(html('hola *mundo* _feliz_ ~viejo~ ```x=1```')).toBe('hola <strong>mundo</strong> <em>feliz</em> <s>viejo</s> <code>x=1</code>');
  });

  it('turns links into safe external links and leaves trailing punctuation out', () => {
    expect(html('mira https://example.com/a?b=1.')).toBe('mira <a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer">https://example.com/a?b=1</a>.');
  });

  it('never lets message text inject markup', () => {
    const out = html('<img src=x onerror=alert(1)> *<b>x</b>* javascript:alert(1)');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).not.toContain('href="javascript');
  });
});
