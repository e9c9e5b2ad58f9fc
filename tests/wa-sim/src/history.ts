import { deflateSync } from 'node:zlib';
import { proto, writeRandomPadMax16 } from '@whiskeysockets/baileys';
import { node, unixNow } from './nodes.ts';
import { encryptWith, messageId } from './outbound.ts';
import type { CompanionDevice, SimPhone } from './phone.ts';

/**
 * The phone's first message to a new companion: an (empty) initial history bootstrap, inline.
 * Real phones send one; without it Baileys buffers every event of its first connection for
 * 20 s waiting for history (wa-sim.md §3.5).
 */
export async function sendHistoryBootstrap(phone: SimPhone, device: CompanionDevice): Promise<void> {
  const type = proto.HistorySync.HistorySyncType.INITIAL_BOOTSTRAP;
  const payload = deflateSync(proto.HistorySync.encode({ syncType: type, conversations: [], progress: 100 }).finish());
  const message = proto.Message.encode({
    protocolMessage: {
      type: proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION,
      historySyncNotification: { syncType: type, initialHistBootstrapInlinePayload: payload, progress: 100, chunkOrder: 0 },
    },
  }).finish();
  // One Signal job at a time for the phone: the app's self-sync copies use the same sessions.
  const enc = await phone.serial(() => encryptWith(phone.store, device, writeRandomPadMax16(message)));
  device.connection?.send(
    node('message', { from: phone.jid, id: messageId(), t: unixNow(), type: 'text', category: 'peer' }, [node('enc', { v: 2, type: enc.type }, enc.body)]),
  );
  device.historySent = true;
}
