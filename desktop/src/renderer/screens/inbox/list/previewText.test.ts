import { describe, expect, it } from 'vitest';
import { translate } from '../../../i18n/index.tsx';
import { previewText } from './ChatListItem.tsx';

const t = (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) => translate('es', key, vars);

describe('chat list preview words', () => {
  it('words a message without text, after a group member’s name too, and leaves words alone', () => {
    expect(previewText('[image]', t)).toBe('📷 Foto');
    expect(previewText('Diego Pardo: [voice]', t)).toBe('Diego Pardo: 🎤 Nota de voz');
    expect(previewText('Diego: [hologram]', t)).toBe('Diego: [hologram]');
    expect(previewText('Diego: ¿abrís?', t)).toBe('Diego: ¿abrís?');
    expect(previewText(null, t)).toBe('');
  });
});
