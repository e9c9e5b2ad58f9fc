import { buildVCard } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { pendingMessageOf } from './pendingMessage.ts';
import type { OutboxItem } from './types.ts';

const item = (over: Partial<OutboxItem>): OutboxItem => ({ clientId: 'c1', sessionId: 's', chatId: 'a@s.whatsapp.net', createdAt: 1, state: 'sending', attempts: 1, ...over });

describe('pendingMessageOf', () => {
  it('shows an accepted reply as the message it will be', () => {
    expect(pendingMessageOf(item({ text: 'Hola', quotedId: 'Q1' }), 'M1', 5)).toEqual({ id: 'M1', sessionId: 's', chatId: 'a@s.whatsapp.net', fromMe: true, status: 'pending', timestamp: 5, clientId: 'c1', quotedId: 'Q1', kind: 'text', text: 'Hola' });
    expect(pendingMessageOf(item({ text: 'Factura', file: new Blob(['x']) }), 'M2', 5)).toMatchObject({ kind: 'document', caption: 'Factura' });
    expect(pendingMessageOf(item({ file: new Blob(['x']), kind: 'voice' }), 'M3', 5)).toMatchObject({ kind: 'voice' });
  });

  it('shows a shared contact as its card, named for the list', () => {
    const contact = { name: 'Ana Ruiz', phone: '34611222333' };
    expect(pendingMessageOf(item({ contact }), 'M4', 5)).toMatchObject({ kind: 'contact', text: buildVCard(contact), caption: 'Ana Ruiz' });
    expect(pendingMessageOf(item({ poll: { name: '¿Mañana o tarde?', options: ['Mañana', 'Tarde'], multiple: false } }), 'M5', 5)).toMatchObject({ kind: 'poll', text: '¿Mañana o tarde?\nMañana\nTarde' });
    expect(pendingMessageOf(item({ location: { latitude: 40.4, longitude: -3.7, name: 'Tienda Centro' } }), 'M6', 5)).toMatchObject({ kind: 'location', location: { latitude: 40.4, longitude: -3.7, name: 'Tienda Centro' } });
  });
});
