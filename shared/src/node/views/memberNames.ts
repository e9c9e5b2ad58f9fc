import { mentionUser } from '../../domain/outgoingContent.ts';
import type { MessageMention } from '../../domain/messages.ts';
import { Chat } from '../models/chat.ts';
import { Message } from '../models/message.ts';

/**
 * Names group members as the inbox does: the name of their own chat with the session (the
 * customer's, possibly renamed by the team), else the push name of their latest message in
 * the group (`chatId`). Members with neither are left out of the map.
 */
export async function memberNames(sessionId: string, chatId: string, members: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (members.length === 0) return names;
  const chats = await Chat.find({ sessionId, jid: { $in: members } }, { jid: 1, name: 1, customName: 1 }).lean();
  for (const c of chats) {
    const name = c.customName || c.name;
    if (name) names.set(c.jid, name);
  }
  const unnamed = members.filter((m) => !names.has(m));
  if (unnamed.length === 0) return names;
  const said = await Message.find({ sessionId, chatId, sender: { $in: unnamed }, pushName: { $nin: [null, ''] } }, { sender: 1, pushName: 1 })
    .sort({ timestamp: -1 })
    .limit(unnamed.length * 20)
    .lean();
  for (const m of said) if (m.sender && m.pushName && !names.has(m.sender)) names.set(m.sender, m.pushName);
  return names;
}

/**
 * The people a send mentions (numbers or JIDs, as the API takes them), as stored with it: by JID
 * (a number becomes its phone-number JID), each once, named as group members are named, so our
 * own message (or scheduled reply) shows them by name.
 */
export async function namedMentions(sessionId: string, chatId: string, mentions: readonly string[] | undefined): Promise<MessageMention[] | null> {
  if (!mentions?.length) return null;
  const people = [
    ...new Map(
      mentions.map((m) => {
        const user = mentionUser(m);
        return [user, { user, jid: m.includes('@') ? `${user}@${m.split('@')[1]}` : `${user}@s.whatsapp.net` }] as const;
      }),
    ).values(),
  ];
  const names = await memberNames(sessionId, chatId, people.map((p) => p.jid));
  return people.map((p) => ({ ...p, name: names.get(p.jid) ?? null }));
}
