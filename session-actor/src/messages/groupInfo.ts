/**
 * A group as WhatsApp has it now, for the inbox's group details: Baileys' `groupMetadata`, its
 * members named by phone number where WhatsApp or the LID mapping tells it (LID groups name them
 * by LID), the session's own account flagged.
 */
import { isJidGroup, type GroupMetadata, type WASocket } from '@whiskeysockets/baileys';
import type { GroupMetadataInfo, GroupRole, GroupSettings } from '@switchboard/shared';
import { ActorError } from '../errors.ts';
import { isOwnAccount, phoneJidOf, toRecipientJid } from './jid.ts';

function roleOf(admin: string | null | undefined): GroupRole | null {
  return admin === 'superadmin' || admin === 'admin' ? admin : null;
}

/** The group's settings as Baileys reads them (`memberAddMode`: every member may add others). */
export function settingsOf(meta: GroupMetadata): GroupSettings {
  return { sendAdminsOnly: !!meta.announce, infoAdminsOnly: !!meta.restrict, addAdminsOnly: !meta.memberAddMode, approveNewMembers: !!meta.joinApprovalMode };
}

/** Reads the metadata WhatsApp returns for a group into what the gateway presents. */
export async function describeGroup(sock: WASocket, meta: GroupMetadata): Promise<GroupMetadataInfo> {
  const members = await Promise.all(
    meta.participants.map(async (p) => ({
      member: await phoneJidOf(sock, p.id, p.phoneNumber),
      role: roleOf(p.admin),
      isAccount: isOwnAccount(sock, p.id, p.phoneNumber, p.lid),
    })),
  );
  const owner = meta.ownerPn ?? meta.owner;
  return {
    subject: meta.subject ?? '',
    description: meta.desc?.trim() || null,
    createdAt: meta.creation ? meta.creation * 1000 : null,
    createdBy: owner ? await phoneJidOf(sock, owner) : null,
    members,
    ...settingsOf(meta),
  };
}

/** The status WhatsApp answered a refused group IQ with (Baileys puts it in the Boom's `data`). */
export function whatsappStatus(err: unknown): number | undefined {
  const e = err as { data?: unknown; output?: { statusCode?: number } };
  return typeof e.data === 'number' ? e.data : e.output?.statusCode;
}

/** The account is not an admin of the group, and the change needs one. */
export function notAdmin(): ActorError {
  return new ActorError('not_group_admin', 'This WhatsApp account is not an admin of the group');
}

/** Runs a change WhatsApp may refuse with 403 (the account is not, or no longer, an admin). */
export async function asAdmin<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (whatsappStatus(err) === 403) throw notAdmin();
    throw err;
  }
}

/** The group's metadata asked of WhatsApp now (`not_a_group`, `not_in_group` once the account has left). */
export async function freshMetadata(sock: WASocket, chatJid: string): Promise<GroupMetadata> {
  const jid = toRecipientJid(chatJid);
  if (!isJidGroup(jid)) throw new ActorError('not_a_group', 'This chat is not a group');
  try {
    return await sock.groupMetadata(jid);
  } catch (err) {
    // WhatsApp answers 403 (or 404 for a group gone) once the account is no longer in it.
    const code = whatsappStatus(err);
    if (code === 403 || code === 404) throw new ActorError('not_in_group', 'This WhatsApp account is no longer a member of the group');
    throw err;
  }
}

/** The `groupInfo` command: asks WhatsApp for the group's metadata (`not_a_group` for a 1:1 chat). */
export async function groupInfo(sock: WASocket, chatJid: string): Promise<GroupMetadataInfo> {
  return describeGroup(sock, await freshMetadata(sock, chatJid));
}
