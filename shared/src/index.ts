/** @switchboard/shared — pure types and schemas usable by every process, including the renderer. */
export * from './domain/messages.ts';
export * from './domain/permissions.ts';
export * from './protocol/commands.ts';
export * from './protocol/events.ts';
export * from './protocol/hub.ts';
export * from './protocol/envelope.ts';
export * from './protocol/exitCodes.ts';
export * from './protocol/rpc.ts';
export * from './api/socket.ts';
export * from './protocol/hubErrors.ts';
export * from './api/seqTracker.ts';
export * from './domain/recipient.ts';
export * from './domain/inbox.ts';
export * from './api/rest.ts';
export * from './api/integrations.ts';
export * from './domain/outgoingContent.ts';
export * from './api/outgoingMessage.ts';
