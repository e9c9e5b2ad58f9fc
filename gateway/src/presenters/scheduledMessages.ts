import type { ScheduledMessageView } from '@switchboard/shared';
import type { ScheduledMessageDoc } from '@switchboard/shared/node';

/** A scheduled reply as the API (and the `scheduled-message` socket event) returns it. */
export function presentScheduled(d: ScheduledMessageDoc): ScheduledMessageView {
  return {
    id: d._id.toString(),
    sessionId: d.sessionId,
    chatId: d.chatId,
    text: d.text,
    file: d.file ? { mediaId: d.file.mediaId.toString(), kind: d.file.kind, fileName: d.file.fileName ?? null, mimeType: d.file.mimeType, size: d.file.size } : null,
    quotedId: d.quotedId ?? null,
    mentions: (d.mentions ?? []).map((m) => ({ user: m.user, jid: m.jid, name: m.name ?? null, ...(m.isAccount ? { isAccount: true as const } : {}) })),
    sendAt: new Date(d.sendAt).getTime(),
    status: d.status,
    author: { id: d.authorId.toString(), name: d.authorName },
    messageId: d.messageId ?? null,
    error: d.error ?? null,
    batchId: d.batchId ?? null,
    createdAt: new Date(d.createdAt).toISOString(),
  };
}
