import { describe, expect, it } from 'vitest';
import { mentionSpans, textWithMentionNames } from './mentions.ts';
import type { MessageMention } from './messages.ts';

const mentions: MessageMention[] = [
  { user: '34611000001', jid: '34611000001@s.whatsapp.net', name: 'Carla Vidal' },
  { user: '987654321', jid: '34611000002@s.whatsapp.net', name: null },
  { user: '555000111', jid: '555000111@lid', name: null },
  { user: '34600000009', jid: '34600000009@s.whatsapp.net', name: null, isAccount: true },
];

describe('mentions', () => {
  it('shows each mention by name, else by number, and the account by the name given', () => {
    expect(textWithMentionNames('@34611000001 y @987654321, ¿venís? @555000111 @34600000009', mentions, 'Tienda Centro')).toBe(
      '@Carla Vidal y @+34611000002, ¿venís? @555000111 @Tienda Centro',
    );
  });

  it('leaves alone what is not a mention of the message: other numbers, emails, no mentions', () => {
    expect(textWithMentionNames('Llama al @600111222 o a ana@34611000001.es', mentions)).toBe('Llama al @600111222 o a ana@34611000001.es');
    expect(textWithMentionNames('@34611000001', undefined)).toBe('@34611000001');
  });

  it('says where each mention is, for the thread to draw it', () => {
    expect(mentionSpans('Hola @34611000001!', mentions).map(({ at, length, label }) => ({ at, length, label }))).toEqual([{ at: 5, length: 12, label: '@Carla Vidal' }]);
  });
});
