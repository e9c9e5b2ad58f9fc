import { describe, expect, it } from 'vitest';
import { writeMentions } from './replyMentions.ts';

const picked = new Map([
  ['34611000001@s.whatsapp.net', 'Ana'],
  ['34611000002@s.whatsapp.net', 'Ana María'],
  ['34611000003@s.whatsapp.net', 'Bruno'],
]);

describe('writeMentions', () => {
  it("writes each picked member's @name as WhatsApp's @digits and lists them, longer names first", () => {
    expect(writeMentions('@Ana María y @Ana: mañana a las 9. Gracias, @Ana', picked)).toEqual({
      text: '@34611000002 y @34611000001: mañana a las 9. Gracias, @34611000001',
      mentions: [
        { user: '34611000002', jid: '34611000002@s.whatsapp.net', name: 'Ana María' },
        { user: '34611000001', jid: '34611000001@s.whatsapp.net', name: 'Ana' },
      ],
    });
  });

  it('leaves out picks whose name was deleted from the text', () => {
    expect(writeMentions('Hola a todos', picked)).toEqual({ text: 'Hola a todos', mentions: [] });
  });
});
