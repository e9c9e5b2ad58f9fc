/** An error with a stable machine-readable code; the rpc layer carries `code` across IPC. */
export class ActorError extends Error {
  override name = 'ActorError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The socket is not open, so a command that needs WhatsApp cannot run now. */
export const notConnected = (): ActorError =>
  new ActorError('not_connected', 'The WhatsApp socket is not open');

/** A recipient that is neither a phone number nor a supported JID. */
export const invalidRecipient = (to: string): ActorError =>
  new ActorError('invalid_recipient', `Invalid recipient: ${to.slice(0, 40)}`);
