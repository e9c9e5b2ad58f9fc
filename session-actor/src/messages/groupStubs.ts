/**
 * Changes to a group that WhatsApp sends as notifications and Baileys turns into message stubs
 * (`messageStubType`, `messageStubParameters`; messages-recv.js `handleGroupNotification`):
 * someone added, removed, promoted or demoted, someone leaving, a new subject or description,
 * a setting turned on or off, a request to join, the group created. Stored as `system` messages, so the thread shows them where they happened.
 */
import { isJidGroup, WAMessageStubType, type WAMessage, type WASocket } from '@whiskeysockets/baileys';
import type { GroupEvent, GroupEventAction } from '@switchboard/shared';
import { nameParties, type GivenParty } from './mentions.ts';

/** A group change as WhatsApp gave it: ids not yet named. */
export interface GroupStub {
  action: GroupEventAction;
  by: GivenParty | null;
  who: GivenParty[];
  value?: string;
}

const PARTICIPANT_ACTIONS: Partial<Record<number, GroupEventAction>> = {
  [WAMessageStubType.GROUP_PARTICIPANT_ADD]: 'add',
  [WAMessageStubType.GROUP_PARTICIPANT_REMOVE]: 'remove',
  [WAMessageStubType.GROUP_PARTICIPANT_LEAVE]: 'leave',
  [WAMessageStubType.GROUP_PARTICIPANT_PROMOTE]: 'promote',
  [WAMessageStubType.GROUP_PARTICIPANT_DEMOTE]: 'demote',
};

/** A setting turned on or off; Baileys gives `on`/`off`, and the add mode as `admin_add`/`all_member_add`. */
const SETTING_EVENTS: Partial<Record<number, { action: GroupEventAction; on: string }>> = {
  [WAMessageStubType.GROUP_CHANGE_ANNOUNCE]: { action: 'send_admins_only', on: 'on' },
  [WAMessageStubType.GROUP_CHANGE_RESTRICT]: { action: 'info_admins_only', on: 'on' },
  [WAMessageStubType.GROUP_MEMBER_ADD_MODE]: { action: 'add_admins_only', on: 'admin_add' },
  [WAMessageStubType.GROUP_MEMBERSHIP_JOIN_APPROVAL_MODE]: { action: 'approve_new_members', on: 'on' },
};

/** The participants of a stub: Baileys gives each as JSON (`{id, phoneNumber, lid}`). */
function participantsOf(params: readonly string[]): GivenParty[] {
  return params.flatMap((p) => {
    try {
      const o = JSON.parse(p) as { id?: unknown; phoneNumber?: unknown };
      return typeof o.id === 'string' ? [{ id: o.id, phoneNumber: typeof o.phoneNumber === 'string' ? o.phoneNumber : null }] : [];
    } catch {
      return p.includes('@') ? [{ id: p }] : [];
    }
  });
}

/**
 * A request to join (`created`), taken back (`revoked`) or turned down (`rejected`): Baileys gives
 * the one asking as JSON `{lid, pn}` (the `lid` is whatever id the group names them by).
 */
function joinRequestOf(params: readonly string[], by: GivenParty | null): GroupStub | null {
  let who: GivenParty | null = null;
  try {
    const o = JSON.parse(params[0] ?? '') as { lid?: unknown; pn?: unknown };
    const pn = typeof o.pn === 'string' ? o.pn : null;
    const id = typeof o.lid === 'string' ? o.lid : pn;
    if (id) who = { id, phoneNumber: pn };
  } catch {
    return null;
  }
  const value = params[1];
  if (!who || (value !== 'created' && value !== 'revoked' && value !== 'rejected')) return null;
  // Asking and taking back are the requester's own doing, and their number is given here (the
  // notification's author is only their LID, which the account cannot map: they are no member).
  return { action: 'join_request', by: value === 'rejected' ? by : who, who: [who], value };
}

/** The group change a message stub records, or null for any other message. */
export function groupStubOf(msg: Pick<WAMessage, 'key' | 'messageStubType' | 'messageStubParameters' | 'participant'>): GroupStub | null {
  const type = msg.messageStubType;
  if (!type || !msg.key?.remoteJid || !isJidGroup(msg.key.remoteJid)) return null;
  const params = msg.messageStubParameters ?? [];
  const actor = msg.key.participant ?? msg.participant;
  const by = actor ? { id: actor, phoneNumber: msg.key.participantAlt ?? null } : null;
  const participants = PARTICIPANT_ACTIONS[type];
  if (participants) return { action: participants, by, who: participantsOf(params) };
  const setting = SETTING_EVENTS[type];
  if (setting) return { action: setting.action, by, who: [], value: params[0] === setting.on || params[0] === 'true' ? 'on' : 'off' };
  if (type === WAMessageStubType.GROUP_MEMBERSHIP_JOIN_APPROVAL_REQUEST_NON_ADMIN_ADD) return joinRequestOf(params, by);
  if (type === WAMessageStubType.GROUP_CHANGE_SUBJECT) return { action: 'subject', by, who: [], value: params[0] ?? '' };
  if (type === WAMessageStubType.GROUP_CHANGE_DESCRIPTION) return { action: 'description', by, who: [], value: params[0] ?? '' };
  if (type === WAMessageStubType.GROUP_CREATE) return { action: 'create', by, who: [], value: params[0] ?? '' };
  return null;
}

/** The change with its people named (as group members are named). */
export async function nameGroupStub(sessionId: string, chatId: string, stub: GroupStub, sock: WASocket | null): Promise<GroupEvent> {
  const plain = async (given: GivenParty[]) => (await nameParties(sessionId, chatId, given, sock)).map(({ user: _user, ...party }) => party);
  const [by, who] = await Promise.all([stub.by ? plain([stub.by]) : Promise.resolve([]), plain(stub.who)]);
  return { action: stub.action, by: by[0] ?? null, who, ...(stub.value !== undefined ? { value: stub.value } : {}) };
}
