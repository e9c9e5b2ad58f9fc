import type { ChatNoteView } from '@switchboard/shared';
import type { ChatNoteDoc } from '@switchboard/shared/node';

/** An internal note as the API (and the `chat-note` socket event) returns it. */
export function presentChatNote(n: ChatNoteDoc): ChatNoteView {
  return {
    id: n._id.toString(),
    sessionId: n.sessionId,
    chatId: n.chatId,
    author: { id: n.authorId.toString(), name: n.authorName },
    text: n.text,
    mentions: (n.mentions ?? []).map((m) => ({ id: m.userId.toString(), name: m.name })),
    createdAt: new Date(n.createdAt).toISOString(),
  };
}
