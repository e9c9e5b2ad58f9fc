/**
 * A real SMTP server (smtp-server) for tests, parsing every received message with mailparser.
 * `next(to)` resolves with the next message for that recipient, in arrival order.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A received email. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  lang: string | undefined;
}

/** The test mailbox. */
export interface Mailbox {
  port: number;
  received: ReceivedMail[];
  next(to: string): Promise<ReceivedMail>;
  close(): Promise<void>;
}

function toMail(rcpt: string, p: ParsedMail): ReceivedMail {
  const html = typeof p.html === 'string' ? p.html : '';
  return { to: rcpt, subject: p.subject ?? '', text: p.text ?? '', html, lang: /<html lang="([a-z]+)"/.exec(html)?.[1] };
}

/** Starts the SMTP server on a free port. */
export async function startMailbox(): Promise<Mailbox> {
  const received: ReceivedMail[] = [];
  const consumed = new Set<ReceivedMail>();
  const waiters: Array<{ to: string; resolve: (m: ReceivedMail) => void }> = [];
  const deliver = (mail: ReceivedMail) => {
    received.push(mail);
    const i = waiters.findIndex((w) => w.to === mail.to);
    if (i >= 0) {
      consumed.add(mail);
      waiters.splice(i, 1)[0]!.resolve(mail);
    }
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          for (const r of session.envelope.rcptTo) deliver(toMail(r.address.toLowerCase(), parsed));
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return {
    port,
    received,
    next(to) {
      const early = received.find((m) => m.to === to && !consumed.has(m));
      if (early) {
        consumed.add(early);
        return Promise.resolve(early);
      }
      return new Promise((resolve) => waiters.push({ to, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
