/**
 * A tiny stand-in actor for ActorHandle's unit tests (process plumbing only: ready, calls,
 * exit codes, shutdown, SIGKILL, supervision). Behaviour is chosen by the sessionId prefix in
 * `init`: ok, noready, badconfig, stubborn (ignores shutdown), crash (exits 1 after ready),
 * loggedout (exits 10 after ready), fenced (exits 14 after ready), mute (no heartbeats), fat (reports a huge RSS).
 * Integration tests run the real session actor, never this.
 */
import {
  createHandlerTable,
  EXIT_CODES,
  eventEnvelope,
  heartbeatEnvelope,
  isToActor,
  readyEnvelope,
  type ActorCommands,
  type FromActor,
} from '@switchboard/shared';

const send = (msg: FromActor): void => void process.send?.(msg);
let mode = '';

const table = createHandlerTable<ActorCommands>({
  getQr: () => new Promise(() => {}), // never answers: exercises call timeouts
  requestPairingCode: ({ phone }) => ({ code: phone.slice(0, 8).padEnd(8, 'X') }),
  flushOutbox: () => {
    send(eventEnvelope({ type: 'chat-update', chatId: 'flushed@s.whatsapp.net' }));
    return { attempted: 0 };
  },
  markRead: () => ({ ok: true, sentReceipts: false }),
  markUnread: () => ({ ok: true, unreadCount: 1 }),
  markHandled: () => ({ ok: true, handledAt: null }),
  setBlocked: ({ blocked }) => ({ ok: true, blocked }),
  editMessage: () => ({ ok: true, at: 1 }),
  changeEvent: () => ({ ok: true, at: 1 }),
  revokeMessage: () => ({ ok: true, at: 1 }),
  presence: () => ({ ok: true }),
  checkNumber: () => ({ onWhatsApp: false, jid: null }),
  groupInfo: () => ({ subject: '', description: null, createdAt: null, createdBy: null, members: [], sendAdminsOnly: false, infoAdminsOnly: false, addAdminsOnly: true, approveNewMembers: false }),
  groupChange: () => ({ members: [] }),
  groupInviteCode: () => ({ code: '' }),
  groupAcceptInvite: () => ({ chatJid: '' }),
  groupJoinRequests: () => ({ requests: [] }),
  groupCreate: () => ({ chatJid: '', members: [] }),
  profilePicture: () => ({ mediaId: null, url: null }),
  logout: () => {
    throw Object.assign(new Error('socket is closed'), { code: 'not_connected' });
  },
  probe: () => ({ open: true, lastTrafficAt: 42 }),
});

process.on('message', (msg) => {
  if (!isToActor(msg)) return;
  if (msg.kind === 'init') {
    mode = msg.config.sessionId.split('-')[0] ?? '';
    if (mode === 'badconfig') process.exit(EXIT_CODES.BAD_CONFIG);
    if (mode === 'noready') return;
    send(readyEnvelope());
    send(eventEnvelope({ type: 'qr', qr: 'fixture-qr' }));
    if (mode === 'crash') setTimeout(() => process.exit(EXIT_CODES.CRASH), 20);
    if (mode === 'loggedout') setTimeout(() => process.exit(EXIT_CODES.LOGGED_OUT), 20);
    if (mode === 'fenced') setTimeout(() => process.exit(EXIT_CODES.FENCED), 20);
    if (mode === 'mute') return;
    const rssBytes = mode === 'fat' ? 64 * 1024 ** 3 : 1;
    const beat = (): void =>
      send(heartbeatEnvelope({ rssBytes, heapUsedBytes: 1, eventLoopLagMs: 0, counters: { messagesIn: 0, messagesOut: 0, eventsSent: 1, reconnects: 0, lastTrafficAt: null } }));
    beat();
    setInterval(beat, msg.config.heartbeatMs);
  } else if (msg.kind === 'shutdown') {
    if (mode === 'stubborn') return;
    process.exit(EXIT_CODES.NORMAL);
  } else if (msg.kind === 'req') {
    void table.handle(msg).then(send);
  }
});
