import type { ActorInitConfig, FromActor, ExitCode } from '@switchboard/shared';
import type { TransientRetryPolicy } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import type { MediaRetryPolicy } from './media/mediaRetries.ts';
import type { BackoffOptions } from './whatsapp/backoff.ts';

/** What an Actor needs from its host process (main.ts, or a test). */
export interface ActorDeps {
  config: ActorInitConfig;
  logger: Logger;
  /** Sends one envelope to the supervisor. */
  send(msg: FromActor): void;
  /** Ends the actor process with a protocol exit code (after pending replies went out). */
  exit(code: ExitCode, reason: string): void;
  backoff?: BackoffOptions;
  /** Connect watchdog (ms); default 90 s. */
  watchdogMs?: number;
  /**
   * Outbox retry delay after a transient failure (ms); default 5 s. It doubles with each retry
   * that fails again (a database outage), up to 12 times the base, and resets after a clean flush.
   */
  outboxRetryMs?: number;
  /** How long a graceful stop waits for WhatsApp's acks of messages just sent (ms); default 2 s. */
  ackGraceMs?: number;
  /** Backoff of incoming media downloads that failed (defaults in MediaRetries). */
  mediaRetry?: Partial<MediaRetryPolicy>;
  /** Retries of a credentials write that failed transiently (defaults: `CREDS_RETRY`). */
  credsRetry?: Partial<TransientRetryPolicy>;
}
