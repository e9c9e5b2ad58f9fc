import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { quietConsole } from './quietConsole.ts';

const saved = { ...console };
afterEach(() => Object.assign(console, saved));

describe('quietConsole', () => {
  it('keeps the leading text of console output and drops the objects after it', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    quietConsole(pino({ level: 'debug' }, sink));
    const privKey = Buffer.from('super-secret-key-material');
    console.info('Closing session:', { currentRatchet: { ephemeralKeyPair: { privKey } } });
    console.warn({ privKey });
    const out = lines.join('');
    expect(out).toContain('Closing session:');
    expect(out).not.toContain('super-secret');
    expect(out).not.toContain(privKey.toString('hex'));
    expect(out).toContain('non-string console output dropped');
  });
});
