import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { createShutdown } from './shutdown.ts';

describe('createShutdown', () => {
  it('runs every step once, in order, even when one fails', async () => {
    const ran: string[] = [];
    const shutdown = createShutdown(
      () => [
        { name: 'gateway', run: async () => void ran.push('gateway') },
        { name: 'actors', run: async () => { ran.push('actors'); throw new Error('boom'); } },
        { name: 'db', run: async () => void ran.push('db') },
      ],
      pino({ level: 'silent' }),
    );
    const first = shutdown('SIGTERM');
    const second = shutdown('SIGINT');
    await Promise.all([first, second]);
    expect(first).toBe(second);
    expect(ran).toEqual(['gateway', 'actors', 'db']);
  });
});
