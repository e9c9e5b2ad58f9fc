import { describe, expect, it } from 'vitest';
import { chatKey, chatKeyOfRoom } from './keys.ts';

describe('chatKeyOfRoom', () => {
  it('reads the chat a one-chat room grants, and nothing from other rooms', () => {
    expect(chatKeyOfRoom('chat:ventas:34600000001@s.whatsapp.net')).toBe(chatKey('ventas', '34600000001@s.whatsapp.net'));
    expect(chatKeyOfRoom('chats:ventas')).toBeNull();
    expect(chatKeyOfRoom('session:ventas')).toBeNull();
    expect(chatKeyOfRoom('assignments:ventas')).toBeNull();
  });
});
