import type { InboxChatView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { broadcastPlans, broadcastText, lastSendAt, queuedUntil, tallyBroadcast, tooManyForOneAccount } from './broadcast.ts';

const chat = (id: string, sessionId: string, name: string | null, isGroup = false) => ({ id, sessionId, sessionName: sessionId === 's1' ? 'Tienda Centro' : 'Tienda Norte', name, isGroup }) as InboxChatView;

describe('broadcast', () => {
  it('fills each customer’s first name, the agent’s and the account’s; a group or a number alone gets none', () => {
    const text = 'Hola {nombre}, soy {agente} de {empresa}: el sábado abrimos de 10 a 14.';
    expect(broadcastText(text, chat('a', 's1', 'Alicia Gómez'), 'Sofía Ruiz')).toBe('Hola Alicia, soy Sofía de Tienda Centro: el sábado abrimos de 10 a 14.');
    expect(broadcastText(text, chat('g', 's1', 'Vecinos', true), 'Sofía Ruiz')).toBe('Hola, soy Sofía de Tienda Centro: el sábado abrimos de 10 a 14.');
    expect(broadcastText(text, chat('n', 's2', null), null)).toBe('Hola, soy de Tienda Norte: el sábado abrimos de 10 a 14.');
  });

  it('groups the chats by account in the list’s order, and says when the last goes', () => {
    const plans = broadcastPlans([chat('a', 's1', 'Alicia'), chat('b', 's2', 'Bruno'), chat('c', 's1', 'Carla')], 'Hola {nombre}', 'Sofía');
    expect(plans).toEqual([
      { sessionId: 's1', messages: [{ chatId: 'a', text: 'Hola Alicia' }, { chatId: 'c', text: 'Hola Carla' }] },
      { sessionId: 's2', messages: [{ chatId: 'b', text: 'Hola Bruno' }] },
    ]);
    // Accounts send side by side: the longest decides.
    expect(lastSendAt(plans, 30, 1_000_000)).toBe(1_000_000 + 1000 + 30_000);
    expect(lastSendAt([], 30, 5)).toBe(1005);
    // From the start picked.
    expect(lastSendAt(plans, 30, 1_000_000, 5_000_000)).toBe(5_000_000 + 30_000);
    expect(tooManyForOneAccount(plans)).toBe(false);
    expect(tooManyForOneAccount([{ sessionId: 's1', messages: Array.from({ length: 101 }, (_, i) => ({ chatId: `c${i}`, text: 'x' })) }])).toBe(true);
  });

  it('counts the sends by where they are', () => {
    expect(tallyBroadcast([{ status: 'sent' }, { status: 'sending' }, { status: 'scheduled' }, { status: 'failed' }, { status: 'cancelled' }, { status: 'sent' }])).toEqual({ sent: 2, waiting: 2, failed: 1, cancelled: 1 });
  });

  it('says when the sends wait behind another batch of the account, until the first goes', () => {
    const now = 1_000_000;
    // The server starts this batch after the last send of the one still going.
    expect(queuedUntil([{ status: 'scheduled', sendAt: now + 90_000 }, { status: 'scheduled', sendAt: now + 60_000 }], now)).toBe(now + 60_000);
    // At once, as the dialog said (the first a second ahead).
    expect(queuedUntil([{ status: 'scheduled', sendAt: now + 1000 }, { status: 'scheduled', sendAt: now + 11_000 }], now)).toBeNull();
    // One went: no longer waiting behind anything.
    expect(queuedUntil([{ status: 'sent', sendAt: now - 1000 }, { status: 'scheduled', sendAt: now + 60_000 }], now)).toBeNull();
    expect(queuedUntil([{ status: 'cancelled', sendAt: now + 60_000 }], now)).toBeNull();
    // Starting later as picked is not waiting behind anything; later than picked is.
    expect(queuedUntil([{ status: 'scheduled', sendAt: now + 3_600_000 }], now, now + 3_600_000)).toBeNull();
    expect(queuedUntil([{ status: 'scheduled', sendAt: now + 3_700_000 }], now, now + 3_600_000)).toBe(now + 3_700_000);
  });
});
