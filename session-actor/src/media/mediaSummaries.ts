import type { MessageMediaView } from '@switchboard/shared';
import { Media, toMessageMediaView } from '@switchboard/shared/node';

type Summarised = Parameters<typeof toMessageMediaView>[0] & { _id: { toString(): string } };

/**
 * Media summaries (MIME, name, size, dimensions, duration) for the MessageViews the actor
 * emits. The actor has the Media document at hand when it stores an incoming file or opens an
 * outgoing one, and remembers its summary here, so `message` / `message-sent` carry it without
 * another request; a miss (a replayed message, a send announced by a receipt after a restart)
 * is one primary-key lookup. Bounded: the oldest entries are dropped first.
 */
export class MediaSummaries {
  private readonly byId = new Map<string, MessageMediaView>();

  constructor(private readonly max = 500) {}

  /** Remembers the summary of a Media document and returns it. */
  remember(doc: Summarised): MessageMediaView {
    const view = toMessageMediaView(doc);
    const id = String(doc._id);
    this.byId.delete(id);
    this.byId.set(id, view);
    if (this.byId.size > this.max) this.byId.delete(this.byId.keys().next().value as string);
    return view;
  }

  /** The summary of a media id: remembered, or read by `_id`; undefined when the file is gone. */
  async of(mediaId: unknown): Promise<MessageMediaView | undefined> {
    if (!mediaId) return undefined;
    const known = this.byId.get(String(mediaId));
    if (known) return known;
    const doc = await Media.findById(mediaId).lean().catch(() => null);
    return doc ? this.remember(doc) : undefined;
  }
}
