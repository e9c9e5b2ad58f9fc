/**
 * The `groupAcceptInvite` command: the account accepts an invitation to a group someone sent it
 * (WhatsApp's `groupInviteMessage`), as tapping *Unirse* on the phone does. Baileys'
 * `groupAcceptInviteV4` asks WhatsApp to add the account, then writes the group's "added" notice,
 * which ingest stores as the group chat's first line, so the group appears like any other. The
 * invitation is marked accepted (`invite.acceptedAt`) and announced again, so every open inbox
 * says the account joined.
 * from: the gateway's accept-invite route → here → next: Baileys' `groupAcceptInviteV4`.
 */
import { jidNormalizedUser, type WASocket } from '@whiskeysockets/baileys';
import type { CommandReq, CommandRes } from '@switchboard/shared';
import { Message, messageObjectId, type MessageDoc } from '@switchboard/shared/node';
import { ActorError } from '../errors.ts';
import { whatsappStatus } from './groupInfo.ts';
import { toRecipientJid } from './jid.ts';
import { announceMessage, type AnnounceDeps } from './view.ts';

/** The invitation's expiry is checked by the gateway before it asks; WhatsApp's own answer is mapped here. */
export async function groupAcceptInvite(sock: WASocket, req: CommandReq<'groupAcceptInvite'>, deps: AnnounceDeps & { sessionId: string }, now: number = Date.now()): Promise<CommandRes<'groupAcceptInvite'>> {
  const key = { remoteJid: toRecipientJid(req.chatJid), id: req.messageId, fromMe: false };
  const invite = { groupJid: req.groupJid, inviteCode: req.code, inviteExpiration: req.expiresAt === null ? 0 : Math.floor(req.expiresAt / 1000) };
  try {
    await sock.groupAcceptInviteV4(key, invite);
  } catch (err) {
    const status = whatsappStatus(err);
    // WhatsApp answers 410 for an expired invitation, 401/403/404/406 for one it no longer takes.
    if (status === 410) throw new ActorError('invite_expired', 'The invitation has expired');
    if (status === 401 || status === 403 || status === 404 || status === 406) throw new ActorError('invite_invalid', 'WhatsApp no longer accepts this invitation (revoked, or the group is gone)');
    throw err;
  }
  const doc = await Message.findOneAndUpdate(
    { _id: messageObjectId(deps.sessionId, req.messageId), kind: 'invite', 'invite.acceptedAt': { $exists: false } },
    { $set: { 'invite.acceptedAt': new Date(now) } },
    { returnDocument: 'after' },
  ).lean<MessageDoc>();
  if (doc) await announceMessage(doc, deps);
  return { chatJid: jidNormalizedUser(req.groupJid) };
}
