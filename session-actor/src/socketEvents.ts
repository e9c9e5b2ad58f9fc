import type { WACallEvent, WAMessage, WAMessageKey, WASocket } from '@whiskeysockets/baileys';
import { Message, messageObjectId } from '@switchboard/shared/node';
import type { ActorEvent } from '@switchboard/shared';
import type { Logger } from 'pino';
import { applyStatus } from './messages/applyStatus.ts';
import { CallLog, declineIfAsked } from './messages/calls.ts';
import { phoneJidOf } from './messages/jid.ts';
import type { ChatStore } from './messages/chats.ts';
import { makeDecryptionDurable } from './messages/durableDecrypt.ts';
import type { Inbox } from './messages/inbox.ts';
import type { InboxForgetting } from './messages/inboxForgetting.ts';
import { ingestMessages, type IngestDeps, type Retry } from './messages/ingest.ts';
import { groupStatus, isMemberReceipt, memberStatus, recordMemberReceipt, type ReceiptUpdate } from './messages/memberReceipts.ts';
import { announceBlocks, type BlockChange, type Blocklist } from './messages/blocklist.ts';
import type { GroupDirectory } from './messages/groupDirectory.ts';
import { preloadChats } from './messages/preload.ts';
import { statusFromReceipt, statusFromWa } from './messages/status.ts';
import type { ActorInitConfig } from '@switchboard/shared';
import { jidNormalizedUser } from '@whiskeysockets/baileys';
import type { BeforeStoreHook } from './testHooks.ts';

/** What the event bindings need from the actor. */
export interface SocketEventDeps extends IngestDeps {
  logger: Logger;
  chats: ChatStore;
  preload: ActorInitConfig['preloadChats'];
  /** Serialises persistence so statuses apply after the message they refer to is stored. */
  enqueue(task: () => Promise<unknown>): void;
  saveCreds(): Promise<void>;
  /** True once every event emitted so far is stored by the supervisor; false when one was dropped. */
  eventsStored(): Promise<boolean>;
  /** A message's announcement was dropped: its inbox entry stays for the next actor to replay. */
  onAnnouncementLost(messageId: string): void;
  onTraffic(): void;
  /** True for one of our outbox's recent sends (stored already: Baileys' echo of it needs no ingest). */
  isOwnSend?(messageId: string): boolean;
  /** True when Signal keys are in the database (AUTH_STORAGE=mongo): inbox parts ride on key commits. */
  keysInDatabase: boolean;
  /** The session's durable inbox (one per actor, across sockets). */
  inbox: Inbox;
  /** Deletes the inbox entries of announced messages (inboxForgetting.ts). */
  forgetting: InboxForgetting;
  /** Test-only fault hook (testHooks.ts), run on each incoming message before it is queued. */
  beforeStore?: BeforeStoreHook | null;
  /** The groups' members as known (one per actor, across sockets). */
  groups: GroupDirectory;
  /** The contacts the account blocked (one per actor, across sockets). */
  blocklist: Blocklist;
}

const RETRY_DELAYS_MS = [200, 1000, 3000];

/**
 * Runs a persistence task again after a failure (a database blip must not lose an incoming
 * message: WhatsApp has already acknowledged it). Rethrows after the last attempt.
 */
export async function withRetry<T>(task: () => Promise<T>, logger: Logger, delays = RETRY_DELAYS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await task();
    } catch (err) {
      const delay = delays[attempt];
      if (delay === undefined) throw err;
      logger.warn({ err, attempt: attempt + 1 }, 'persistence failed, retrying');
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * Binds a socket's events to persistence and actor events: messages and receipts, chats
 * (preload), LID mappings, presence, creds. Every write goes through `enqueue`.
 */
export function bindSocketEvents(sock: WASocket, deps: SocketEventDeps): void {
  const { sessionId, enqueue } = deps;
  let preloaded = 0;
  const emitStatus = async (messageId: string | null | undefined, next: ReturnType<typeof statusFromWa>, reason?: string) => {
    // Baileys reports a server rejection as status ERROR after the outbox already recorded it
    // (ServerAcks, with the server's code), and possibly after the user retried it: taken here it
    // would fail a retried message again. Failures belong to the outbox alone.
    if (!messageId || !next || next === 'failed') return;
    for (const event of await applyStatus(sessionId, messageId, next, reason, deps.media)) deps.emit(event);
  };

  /**
   * A receipt in a group (or a status broadcast). A member's is kept, and the message's status
   * follows every member's (all delivered, all read) it went to: the recipients counted when it
   * was sent (remembered, else kept with the message), else the group's members now; when none
   * can be known, the status follows this receipt, as it does for other receipts. The size is
   * asked of WhatsApp outside the queue (a slow answer holds no write back); the status is worked
   * out in the queue once it is known, after the receipt is kept.
   */
  const { groups } = deps;
  // A new connection: changes to groups may have been missed meanwhile.
  groups.forgetAll();
  const recipientsOf = async (messageId: string, chatId: string): Promise<number | null> => {
    const remembered = groups.recipientsOf(messageId);
    if (remembered !== undefined) return remembered;
    const stored = await Message.findById(messageObjectId(sessionId, messageId), { groupRecipients: 1 }).lean().catch(() => null);
    return stored?.groupRecipients ?? groups.size(sock, chatId);
  };
  const onReceipt = (key: WAMessageKey, receipt: ReceiptUpdate) => {
    if (!key.id || !isMemberReceipt(key, receipt)) {
      if (key.fromMe) enqueue(() => emitStatus(key.id, statusFromReceipt(receipt)));
      return;
    }
    const target = { chatId: key.remoteJid!, messageId: key.id, userJid: receipt.userJid! };
    enqueue(async () => {
      const event = await recordMemberReceipt(sessionId, target, memberStatus(receipt)!, sock);
      if (event) deps.emit(event);
    });
    void recipientsOf(target.messageId, jidNormalizedUser(target.chatId)).then((members) =>
      enqueue(async () => emitStatus(target.messageId, members === null ? statusFromReceipt(receipt) : await groupStatus(sessionId, target.messageId, members))),
    );
  };
  sock.ev.on('group-participants.update', ({ id }) => groups.forget(jidNormalizedUser(id)));
  sock.ev.on('groups.update', (updates) => {
    for (const u of updates) if (u.id) groups.forget(jidNormalizedUser(u.id));
  });

  const { inbox } = deps;
  makeDecryptionDurable(sock, inbox, deps.logger, { joinKeyCommit: deps.keysInDatabase });
  // A stored message's inbox entry is deleted only once its announcement is in the event log:
  // killed in between (the whole node, in cluster mode), the next actor replays and announces it.
  const forgetWhenAnnounced = (messageId: string): void => {
    void deps.eventsStored().then((stored) => (stored ? deps.forgetting.forget(messageId) : deps.onAnnouncementLost(messageId)));
  };
  const retry: Retry = (task) => withRetry(task, deps.logger);
  const ingest = async (msgs: WAMessage[]) => {
    for (const msg of await ingestMessages(msgs, deps, retry)) if (msg.key.id) forgetWhenAnnounced(msg.key.id);
  };
  // Messages a killed actor decrypted (and maybe receipted) but never stored: store them now.
  const me = sock.authState.creds.me;
  if (me?.id) enqueue(async () => ingest(await inbox.leftovers(me)));

  // Group commit (issue 13): messages that arrive while a run is being stored wait in `arriving`
  // and are stored together by the next run (one task in the queue, where the first of them
  // would have been).
  let arriving: WAMessage[] = [];
  const arrive = (msg: WAMessage) => {
    arriving.push(msg);
    if (arriving.length === 1) {
      enqueue(() => {
        const run = arriving;
        arriving = [];
        return ingest(run);
      });
    }
  };

  sock.ws.on('message', () => deps.onTraffic());
  sock.ev.on('creds.update', () => enqueue(() => deps.saveCreds()));
  sock.ev.on('messages.upsert', ({ messages }) => {
    for (const msg of messages) {
      deps.beforeStore?.(msg.key.id);
      const ownEcho = !!msg.key.fromMe && !!msg.key.id && deps.isOwnSend?.(msg.key.id) === true;
      if (!ownEcho) arrive(msg);
      // A receipt that arrives right after a send is folded into the own upsert (wa-sim.md §4.4);
      // a group member's, into its `userReceipt`.
      if (msg.key.fromMe && typeof msg.status === 'number') enqueue(() => emitStatus(msg.key.id, statusFromWa(msg.status)));
      for (const receipt of msg.userReceipt ?? []) onReceipt(msg.key, receipt);
    }
  });
  // A call becomes a message of the caller's chat once it ended (messages/calls.ts).
  const calls = new CallLog();
  // While a call rings the inbox says so (a presence `calling`, as typing is `composing`); its end says `paused`.
  const callPresence = (call: WACallEvent, state: 'calling' | 'paused') =>
    // The caller's chat as their messages are filed: by phone number when known.
    void phoneJidOf(sock, call.from, call.callerPn).then((chatId) => deps.emit({ type: 'presence', chatId, participant: chatId, state }));
  const callEnded = (call: WACallEvent, msg: WAMessage) => {
    callPresence(call, 'paused');
    arrive(msg);
  };
  sock.ev.on('call', (events) => {
    for (const call of events) {
      const msg = calls.settle(call);
      if (msg) callEnded(call, msg);
      else if (call.status === 'offer' && !call.offline && !call.isGroup) {
        callPresence(call, 'calling');
        void declineIfAsked(sessionId, sock, call, calls, deps.logger).then((declined) => declined && callEnded(call, declined), (err: unknown) => deps.logger.warn({ err }, 'call rule not read'));
      }
    }
  });
  sock.ev.on('messages.update', (updates) => {
    for (const { key, update } of updates) {
      if (!key.fromMe || update.status === undefined || update.status === null) continue;
      const reason = Array.isArray(update.messageStubParameters) ? update.messageStubParameters.join(',') : undefined;
      enqueue(() => emitStatus(key.id, statusFromWa(update.status), reason));
    }
  });
  sock.ev.on('message-receipt.update', (updates) => {
    for (const { key, receipt } of updates) onReceipt(key, receipt);
  });
  const offerChats = (chats: Parameters<typeof preloadChats>[1]) =>
    enqueue(async () => {
      preloaded += await preloadChats(deps.chats, chats, deps.preload, preloaded);
    });
  sock.ev.on('chats.upsert', (chats) => offerChats(chats));
  sock.ev.on('messaging-history.set', ({ chats }) => offerChats(chats));
  sock.ev.on('lid-mapping.update', ({ lid, pn }) => {
    if (lid && pn) enqueue(() => deps.chats.learnMapping(jidNormalizedUser(lid), jidNormalizedUser(pn)));
  });
  const nameContacts = (contacts: { id?: string | null; name?: string | null; notify?: string | null }[]) => {
    for (const c of contacts) {
      const name = c.name || c.notify;
      if (c.id && name) enqueue(() => deps.chats.rename(jidNormalizedUser(c.id!), name));
    }
  };
  sock.ev.on('contacts.upsert', nameContacts);
  sock.ev.on('contacts.update', nameContacts);
  // A new subject reaches open inboxes at once (contacts' names wait for their next message).
  sock.ev.on('groups.update', (groups) => {
    for (const { id, subject } of groups) {
      if (!id || !subject) continue;
      const chatId = jidNormalizedUser(id);
      enqueue(async () => {
        if (await deps.chats.rename(chatId, subject)) deps.emit({ type: 'chat-update', chatId, name: subject });
      });
    }
  });
  // Blocked or unblocked on the phone (or another device); a new connection reads the whole list,
  // since changes made while the actor was away are not told again.
  const blockChanged = (changes: BlockChange[]) => announceBlocks(changes, deps.chats, deps.emit);
  sock.ev.on('blocklist.update', ({ blocklist, type }) => {
    const blocked = type === 'add';
    enqueue(async () => blockChanged((await deps.blocklist.fromWhatsApp(sock, blocklist, blocked)).map((chatId) => ({ chatId, blocked }))));
  });
  sock.ev.on('connection.update', ({ connection }) => {
    if (connection !== 'open') return;
    void sock.fetchBlocklist().then(
      (listed) => enqueue(async () => blockChanged(await deps.blocklist.reconcile(sock, listed))),
      (err: unknown) => deps.logger.warn({ err }, 'the blocklist could not be read; blocked contacts stay as stored'),
    );
  });
  sock.ev.on('presence.update', ({ id, presences }) => {
    for (const [participant, p] of Object.entries(presences)) {
      const event: ActorEvent = {
        type: 'presence',
        chatId: jidNormalizedUser(id),
        participant: jidNormalizedUser(participant),
        state: p.lastKnownPresence,
        ...(p.lastSeen ? { lastSeen: p.lastSeen * 1000 } : {}),
      };
      deps.emit(event);
    }
  });
}
