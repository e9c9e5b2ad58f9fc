import { describe, expect, it } from 'vitest';
import { createMainLogger, redactFields } from './log.ts';

describe('main log', () => {
  it('writes one JSON line with constant message and fields', () => {
    const lines: string[] = [];
    createMainLogger((l) => lines.push(l)).info({ origin: 'https://a.example' }, 'server url changed');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'server url changed', origin: 'https://a.example' });
  });

  it('redacts secret-looking fields, the token above all', () => {
    expect(redactFields({ token: 'abc', accessToken: 'x', password: 'p', Authorization: 'Bearer y', n: 1 })).toEqual({
      token: '[redacted]',
      accessToken: '[redacted]',
      password: '[redacted]',
      Authorization: '[redacted]',
      n: 1,
    });
  });

  it('reduces errors to name, message and code', () => {
    const err = Object.assign(new Error('boom'), { code: 'E_X' });
    expect(redactFields({ err })).toEqual({ err: { name: 'Error', message: 'boom', code: 'E_X' } });
  });
});
