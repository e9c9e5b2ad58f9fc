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

  it('draws the people a message mentions by name, the account marked, inside styles too, and nothing else', () => {
    const mentions = {
      account: 'Tienda Centro',
      mentions: [
        { user: '34611000001', jid: '34611000001@s.whatsapp.net', name: 'Carla <Vidal>' },
        { user: '777', jid: '34600000009@s.whatsapp.net', name: null, isAccount: true as const },
      ],
    };
    expect(renderToStaticMarkup(<>{formatText('@34611000001 *y @777* ver https://x.es/@34611000001 o @999', mentions)}</>)).toBe(
      '<span class="mention" title="@34611000001">@Carla &lt;Vidal&gt;</span> <strong>y <span class="mention mention-account" title="@777">@Tienda Centro</span></strong> ver ' +
        '<a href="https://x.es/@34611000001" target="_blank" rel="noopener noreferrer">https://x.es/@34611000001</a> o @999',
    );
    // Without the message's list, `@digits` is only text.
    expect(html('@34611000001')).toBe('@34611000001');
  });
});
