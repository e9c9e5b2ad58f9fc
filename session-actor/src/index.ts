/**
 * @switchboard/session-actor — the child process that owns one WhatsApp (Baileys) socket.
 * The process entry is main.ts (forked by the supervisor); these exports let tests and tools
 * run the same Actor in-process.
 */
export { Actor, type ActorDeps } from './Actor.ts';
export { createHandlers, type HandlerHost } from './handlers.ts';
export { initConfigProblems } from './initConfig.ts';
export { openAuthState, type AuthHandle } from './auth/openAuthState.ts';
export { classifyClose, type ClassifiedClose } from './whatsapp/disconnect.ts';
export { mapContent, type MappedContent } from './messages/mapContent.ts';
