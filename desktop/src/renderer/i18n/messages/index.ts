/** Every area's messages, merged. Add an area: write `messages/<area>.ts` and list it here. */
import type { Locale } from '../define.ts';
import { auth } from './auth.ts';
import { common } from './common.ts';
import { dashboard } from './dashboard.ts';
import { inbox } from './inbox.ts';
import { sessions } from './sessions.ts';
import { status } from './status.ts';
import { assignments } from './assignments.ts';
import { audit } from './audit.ts';
import { users } from './users.ts';
import { roles } from './roles.ts';
import { integrations } from './integrations.ts';
import { palette } from './palette.ts';
import { snooze } from './snooze.ts';
import { ownMessages } from './ownMessages.ts';
import { newChat } from './newChat.ts';
import { gettingStarted } from './gettingStarted.ts';
import { contact } from './contact.ts';
import { autoAssign } from './autoAssign.ts';
import { assignees } from './assignees.ts';
import { reports } from './reports.ts';
import { businessHours } from './businessHours.ts';
import { mentions } from './mentions.ts';
import { scheduled } from './scheduled.ts';
import { forward } from './forward.ts';
import { messageInfo } from './messageInfo.ts';
import { canned } from './canned.ts';
import { emoji } from './emoji.ts';
import { pins } from './pins.ts';
import { bulk } from './bulk.ts';
import { broadcast } from './broadcast.ts';
import { voice } from './voice.ts';
import { group } from './group.ts';
import { groupSettings } from './groupSettings.ts';
import { block } from './block.ts';
import { calls } from './calls.ts';
import { cards } from './cards.ts';

const BUNDLES = [common, auth, status, sessions, dashboard, inbox, users, roles, assignments, audit, integrations, palette, snooze, ownMessages, newChat, gettingStarted, contact, autoAssign, assignees, reports, businessHours, mentions, scheduled, bulk, broadcast, voice, forward, messageInfo, canned, emoji, pins, group, groupSettings, block, calls, cards] as const;

type KeysOf<B> = B extends { es: Record<infer K, string> } ? K : never;
/** Every message key of the app. */
export type MessageKey = KeysOf<(typeof BUNDLES)[number]>;

/** Messages by locale. */
export const MESSAGES: Record<Locale, Record<MessageKey, string>> = {
  es: Object.assign({}, ...BUNDLES.map((b) => b.es)),
  en: Object.assign({}, ...BUNDLES.map((b) => b.en)),
};
