/**
 * The media of a message: image and sticker previews (thumbnail first), playable video and audio
 * streamed with Range requests, documents with their name, size and a download link, and
 * locations with a map link. Bytes come from signed `/api/media` URLs.
 */
import type { InboxMessageView } from '@switchboard/shared';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { useMediaUrl } from '../media/MediaContext.tsx';
import { fileTypeLabel } from './fileType.ts';
import { mapHref } from './mapLink.ts';

/** Fits a width × height into a box, keeping the aspect ratio. */
function fit(w: number | null | undefined, h: number | null | undefined, max: number): { width: number; height: number } {
  if (!w || !h) return { width: max, height: Math.round(max * 0.75) };
  const scale = Math.min(1, max / Math.max(w, h));
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}

/** Renders the media part of a message (nothing for text). */
export function MessageMedia({ m }: { m: InboxMessageView }) {
  if (m.revokedAt !== undefined) return null; // deleted for everyone: the file is gone
  if (!m.mediaId && m.mediaStatus === 'pending') return <Pending />;
  switch (m.kind) {
    case 'image':
      return <ImageMedia m={m} />;
    case 'sticker':
      return <StickerMedia m={m} />;
    case 'video':
      return <PlayableMedia m={m} tag="video" />;
    case 'audio':
    case 'voice':
      return <PlayableMedia m={m} tag="audio" />;
    case 'document':
      return <DocumentMedia m={m} />;
    case 'location':
      return <LocationMedia m={m} />;
    default:
      return null;
  }
}

/** Incoming media the server is still downloading from WhatsApp (it appears by itself). */
function Pending() {
  const { t } = useI18n();
  return (
    <div className="media-missing" role="status">
      <span className="spinner" aria-hidden="true" /> {t('thread.mediaPending')}
    </div>
  );
}

function Unavailable() {
  const { t } = useI18n();
  return (
    <div className="media-missing">
      <Icon name="file" size={16} /> {t('thread.mediaUnavailable')}
    </div>
  );
}

function ImageMedia({ m }: { m: InboxMessageView }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const thumb = useMediaUrl(m.media?.hasThumbnail ? m.mediaId : null, 'thumbnail');
  const full = useMediaUrl(m.mediaId);
  const download = useMediaUrl(m.mediaId, 'download');
  const box = fit(m.media?.width, m.media?.height, 280);
  if (!m.mediaId || full === null) return <Unavailable />;
  const src = thumb ?? full ?? undefined;
  return (
    <>
      <button type="button" className="media-image" style={box} onClick={() => setOpen(true)} aria-label={t('thread.openImage')}>
        {src ? <img src={src} alt={m.caption ?? t('thread.image')} width={box.width} height={box.height} loading="lazy" /> : <span className="spinner" aria-hidden="true" />}
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={m.caption ?? t('thread.image')} size="lg">
        {full && <img className="lightbox-image" src={full} alt={m.caption ?? t('thread.image')} />}
        {download && (
          <a className="btn btn-secondary" href={download} download={m.media?.fileName ?? true}>
            <Icon name="download" size={16} /> {t('thread.download')}
          </a>
        )}
      </Dialog>
    </>
  );
}

function StickerMedia({ m }: { m: InboxMessageView }) {
  const { t } = useI18n();
  const src = useMediaUrl(m.mediaId);
  if (!m.mediaId || src === null) return <Unavailable />;
  return src ? <img className="media-sticker" src={src} alt={t('thread.sticker')} width={140} height={140} loading="lazy" /> : <span className="spinner" aria-hidden="true" />;
}

function PlayableMedia({ m, tag }: { m: InboxMessageView; tag: 'video' | 'audio' }) {
  const { t } = useI18n();
  const src = useMediaUrl(m.mediaId);
  if (!m.mediaId || src === null) return <Unavailable />;
  if (!src) return <span className="spinner" aria-hidden="true" />;
  if (tag === 'video') {
    const box = fit(m.media?.width, m.media?.height, 320);
    return <video className="media-video" src={src} controls preload="metadata" width={box.width} height={box.height} aria-label={m.caption ?? m.media?.fileName ?? 'video'} />;
  }
  return (
    <div className="media-audio">
      {m.kind === 'voice' && (
        <span className="faint">
          <Icon name="mic" size={14} /> {t('thread.voiceNote')}
        </span>
      )}
      <audio src={src} controls preload="metadata" aria-label={m.kind === 'voice' ? t('thread.voiceNote') : (m.media?.fileName ?? 'audio')} />
    </div>
  );
}

function DocumentMedia({ m }: { m: InboxMessageView }) {
  const { t, fmt } = useI18n();
  const href = useMediaUrl(m.mediaId, 'download');
  if (!m.mediaId || href === null) return <Unavailable />;
  const name = m.media?.fileName ?? t('thread.download');
  return (
    <div className="media-doc">
      <Icon name="file" size={22} />
      <div className="media-doc-text">
        <span className="media-doc-name">{name}</span>
        <span className="faint" title={m.media?.mimeType ?? undefined}>
          {[fileTypeLabel(m.media?.mimeType, m.media?.fileName), m.media ? fmt.bytes(m.media.size) : null].filter(Boolean).join(' · ')}
        </span>
      </div>
      {href && (
        <a className="btn btn-secondary btn-sm" href={href} download={name} aria-label={`${t('thread.download')}: ${name}`}>
          <Icon name="download" size={14} />
        </a>
      )}
    </div>
  );
}

function LocationMedia({ m }: { m: InboxMessageView }) {
  const { t } = useI18n();
  const loc = m.location;
  if (!loc) return <Unavailable />;
  const href = mapHref(loc);
  return (
    <div className="media-location">
      <Icon name="map" size={22} />
      <div>
        <div className="media-doc-name">{loc.name ?? t('thread.location')}</div>
        {loc.address && <div className="faint">{loc.address}</div>}
        <div className="faint mono">
          {loc.latitude.toFixed(5)}, {loc.longitude.toFixed(5)}
        </div>
        <a href={href} target="_blank" rel="noopener noreferrer">
          {t('thread.openMap')}
        </a>
      </div>
    </div>
  );
}
