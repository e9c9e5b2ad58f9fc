/** @switchboard/shared — pure types and schemas usable by every process, including the renderer. */
export * from './domain/messages.ts';
export * from './protocol/commands.ts';
export * from './protocol/events.ts';
export * from './protocol/hub.ts';
