import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmailService } from './EmailService.ts';
import type { MailTransport, OutgoingEmail } from './transport.ts';

const logger = pino({ level: 'silent' });
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('EmailService', () => {
  it('writes .eml files under DATA_DIR/mail when SMTP is not configured', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mail-'));
    dirs.push(dataDir);
    const email = createEmailService({ config: { smtp: null, dataDir }, logger });
    expect(email.mode).toBe('file');
    await email.send({ email: 'ana@example.com', locale: 'es' }, 'passwordChanged', { name: 'Ana' });
    const files = readdirSync(join(dataDir, 'mail'));
    expect(files).toHaveLength(1);
    const eml = readFileSync(join(dataDir, 'mail', files[0]!), 'utf8');
    expect(eml).toContain('To: ana@example.com');
    expect(eml).toMatch(/Content-Type: text\/html/);
    await email.close();
  });

  it('retries with exponential backoff, then gives up', async () => {
    const delays: number[] = [];
    let calls = 0;
    const flaky: MailTransport = {
      mode: 'smtp',
      async deliver(_m: OutgoingEmail) {
        calls += 1;
        if (calls < 3) throw new Error('421 try later');
        return 'id-1';
      },
      close() {},
    };
    const email = createEmailService({ config: { smtp: null, dataDir: '/nonexistent' }, logger, transport: flaky, baseDelayMs: 100, sleep: async (ms) => void delays.push(ms) });
    await email.send({ email: 'a@b.c', locale: 'en' }, 'passwordChanged', { name: 'A' });
    expect(calls).toBe(3);
    expect(delays).toEqual([100, 200]);

    calls = -10;
    const failing = createEmailService({ config: { smtp: null, dataDir: '/nonexistent' }, logger, transport: flaky, attempts: 2, baseDelayMs: 5, sleep: async () => {} });
    await expect(failing.send({ email: 'a@b.c', locale: 'en' }, 'passwordChanged', { name: 'A' })).rejects.toThrow('421');
  });

  it('sendLater never throws and close waits for it', async () => {
    let delivered = 0;
    const t: MailTransport = { mode: 'smtp', deliver: async () => String(++delivered), close() {} };
    const email = createEmailService({ config: { smtp: null, dataDir: '/x' }, logger, transport: t });
    email.sendLater({ email: 'a@b.c', locale: 'es' }, 'passwordResetDone', { name: 'A' });
    await email.close();
    expect(delivered).toBe(1);
  });
});
