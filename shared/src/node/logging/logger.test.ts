import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { REDACTED, isSecretKey, redactDeep } from './redact.ts';

function capture(): { lines: () => Record<string, unknown>[]; raw: () => string; stream: Writable } {
  let raw = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      raw += String(chunk);
      done();
    },
  });
  return { stream, raw: () => raw, lines: () => raw.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('never writes secrets, key material or message bodies, at any depth', () => {
    const out = capture();
    const log = createLogger({ NODE_ENV: 'production', LOG_LEVEL: 'info' }, { name: 'test', destination: out.stream });
    const child = log.child({ module: 'auth', sessionId: 's1', accessToken: 'child-binding-token' });
    child.info(
      {
        req: { headers: { authorization: 'Bearer eyJhbGciOi.secret-jwt', cookie: 'sid=abc', 'x-api-key': 'sk_header-api-key', host: 'h' } },
        input: { email: 'a@b.c', password: 'hunter2-password', newPassword: 'hunter3-password' },
        body: 'request body with a message',
        token: 'reset-token-value',
        JWT_SECRET: 'jwt-secret-value-xxxxxxxxxxxxxxxxxxxx',
        SMTP_PASS: 'smtp-pass-value',
        creds: { noiseKey: { private: 'noise-private' }, signedIdentityKey: 'identity-key-value' },
        keys: [{ id: 1, data: 'pre-key-bytes' }],
        message: { id: 'M1', text: 'hola secreto', caption: 'caption secreta' },
        nested: { deeper: { deepest: { apiKey: 'api-key-value' } } },
      },
      'request handled',
    );
    const raw = out.raw();
    for (const secret of [
      'eyJhbGciOi',
      'sid=abc',
      'hunter2',
      'hunter3',
      'reset-token-value',
      'jwt-secret-value',
      'smtp-pass-value',
      'noise-private',
      'identity-key-value',
      'pre-key-bytes',
      'hola secreto',
      'caption secreta',
      'api-key-value',
      'sk_header-api-key',
      'child-binding-token',
    ]) {
      expect(raw).not.toContain(secret);
    }
    const [line] = out.lines();
    expect(line).toMatchObject({
      name: 'test',
      module: 'auth',
      sessionId: 's1',
      msg: 'request handled',
      message: { id: 'M1', text: REDACTED },
      input: { email: 'a@b.c', password: REDACTED },
      body: REDACTED,
    });
  });

  it('keeps errors readable and honours the level', () => {
    const out = capture();
    const log = createLogger({ NODE_ENV: 'test', LOG_LEVEL: 'warn' }, { name: 'lvl', destination: out.stream });
    log.info('hidden');
    log.error({ err: new Error('boom'), sessionId: 's2' }, 'failed');
    const lines = out.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'failed', sessionId: 's2', err: { message: 'boom', type: 'Error' } });
  });
});

describe('redaction rules', () => {
  it('matches secret-looking keys, not ordinary ones', () => {
    for (const k of ['password', 'passwordHash', 'JWT_SECRET', 'accessToken', 'authorization', 'noiseKey', 'text', 'caption', 'creds', 'apiKey', 'x-api-key', 'api_key'])
      expect(isSecretKey(k), k).toBe(true);
    for (const k of ['sessionId', 'email', 'status', 'messageId', 'durationMs']) expect(isSecretKey(k), k).toBe(false);
  });

  it('leaves the input untouched and bounds depth', () => {
    const input = { a: { password: 'x' } };
    const out = redactDeep(input) as { a: { password: string } };
    expect(out.a.password).toBe(REDACTED);
    expect(input.a.password).toBe('x');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => redactDeep(cyclic)).not.toThrow();
  });
});
