import { join } from 'node:path';
import type { Logger } from 'pino';
import type { UserLocale } from '@switchboard/shared';
import type { GatewaySettings } from '../config.ts';
import { renderEmail } from './templates/render.ts';
import type { TemplateData, TemplateName } from './templates/catalog.ts';
import { fileTransport, smtpTransport, type MailTransport } from './transport.ts';

/** Who receives an email and in which language. */
export interface Recipient {
  email: string;
  locale: UserLocale;
}

/** Sends Switchboard's transactional emails (HTML + text, Spanish or English). */
export interface EmailService {
  readonly mode: 'smtp' | 'file';
  /** Renders and delivers, retrying with exponential backoff; rejects after the last attempt. */
  send<K extends TemplateName>(to: Recipient, template: K, data: TemplateData[K]): Promise<void>;
  /** Like send, in the background: failures are logged, never thrown. */
  sendLater<K extends TemplateName>(to: Recipient, template: K, data: TemplateData[K]): void;
  /** Waits for background sends, then closes the transport. */
  close(): Promise<void>;
}

/** Options of createEmailService. */
export interface EmailServiceOptions {
  config: Pick<GatewaySettings, 'smtp' | 'dataDir'>;
  logger: Logger;
  /** Attempts per email (default 4). */
  attempts?: number;
  /** First retry delay in ms, doubled each time (default 1000). */
  baseDelayMs?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests. */
  transport?: MailTransport;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** Builds the service: SMTP when configured, otherwise .eml files under DATA_DIR/mail. */
export function createEmailService(opts: EmailServiceOptions): EmailService {
  const { config, logger } = opts;
  const log = logger.child({ component: 'email' });
  const transport = opts.transport ?? (config.smtp ? smtpTransport(config.smtp) : fileTransport(join(config.dataDir, 'mail')));
  const attempts = opts.attempts ?? 4;
  const baseDelay = opts.baseDelayMs ?? 1000;
  const sleep = opts.sleep ?? defaultSleep;
  const pending = new Set<Promise<void>>();
  const from = { name: config.smtp?.fromName ?? 'Switchboard', address: config.smtp?.fromEmail ?? 'noreply@switchboard.local' };

  async function send<K extends TemplateName>(to: Recipient, template: K, data: TemplateData[K]): Promise<void> {
    const rendered = renderEmail(template, to.locale, data);
    for (let attempt = 1; ; attempt++) {
      try {
        const where = await transport.deliver({ from, to: to.email, ...rendered });
        if (transport.mode === 'file') log.info({ template, file: where }, 'email written to file (no SMTP_HOST)');
        else log.info({ template, messageId: where }, 'email sent');
        return;
      } catch (err) {
        if (attempt >= attempts) {
          log.error({ err, template, attempt }, 'email delivery failed');
          throw err;
        }
        const delayMs = baseDelay * 2 ** (attempt - 1);
        log.warn({ err, template, attempt, delayMs }, 'email delivery failed, retrying');
        await sleep(delayMs);
      }
    }
  }

  return {
    mode: transport.mode,
    send,
    sendLater(to, template, data) {
      const p = send(to, template, data).catch(() => undefined);
      pending.add(p);
      void p.finally(() => pending.delete(p));
    },
    async close() {
      await Promise.all([...pending]);
      transport.close();
    },
  };
}
