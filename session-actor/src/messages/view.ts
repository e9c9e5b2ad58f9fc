import { callPreviewKind, previewAuthor, previewWords, type ActorEvent, type MessageCall, type MessageMention } from '@switchboard/shared';
import { toMessageView, type MessageDoc } from '@switchboard/shared/node';
import type { MediaSummaries } from '../media/mediaSummaries.ts';

/** Presents a stored message as the events' MessageView: the one presenter in shared (also used by REST). */
export { toMessageView as toView };

/** What announcing a stored message needs: its media's summary, and the event channel. */
export interface AnnounceDeps {
  media: Pick<MediaSummaries, 'of'>;
  emit(event: ActorEvent): void;
}

/** Announces a stored message (new or changed) as a `message` event, with its media's summary. */
export async function announceMessage(doc: MessageDoc, deps: AnnounceDeps): Promise<void> {
  deps.emit({ type: 'message', message: toMessageView(doc, await deps.media.of(doc.mediaId)) });
}

/** What a chat-list preview reads of a message. */
export interface PreviewSource {
  kind: string;
  text?: string | null;
  caption?: string | null;
  mentions?: readonly MessageMention[];
  chatId?: string;
  fromMe?: boolean;
  pushName?: string | null;
  sender?: string | null;
  call?: MessageCall | null;
  invite?: { groupName: string } | null;
}

/**
 * A short chat-list preview of a message (a body: never logged), its mentions shown by name; in
 * a group a member's message starts with who wrote it ("Diego: ¿abrís el sábado?"), as on the
 * phone. A message without words is `[kind]` (the inbox words it).
 */
export function previewOf(m: PreviewSource): string {
  const body = previewWords(m) || `[${m.kind === 'call' && m.call ? callPreviewKind(m.call) : m.kind}]`;
  const author = previewAuthor(m);
  const line = author ? `${author}: ${body}` : body;
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
