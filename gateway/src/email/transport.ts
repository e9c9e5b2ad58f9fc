import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config.ts';

/** One outgoing email, already rendered. */
export interface OutgoingEmail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Delivers a message; returns where it went (SMTP message id or .eml path). */
export interface MailTransport {
  readonly mode: 'smtp' | 'file';
  deliver(mail: OutgoingEmail): Promise<string>;
  close(): void;
}

/** SMTP transport through nodemailer (pooled connections). */
export function smtpTransport(smtp: SmtpConfig): MailTransport {
  const t = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
    pool: true,
    maxConnections: 2,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    mode: 'smtp',
    async deliver(mail) {
      const info = await t.sendMail(mail);
      return String(info.messageId ?? '');
    },
    close: () => t.close(),
  };
}

/**
 * Development transport used when SMTP_HOST is not set: builds the full MIME message with
 * nodemailer's stream transport and writes it as `<dir>/<time>-<id>.eml`.
 */
export function fileTransport(dir: string): MailTransport {
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    mode: 'file',
    async deliver(mail) {
      const info = await t.sendMail(mail);
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600 });
      return file;
    },
    close: () => t.close(),
  };
}
