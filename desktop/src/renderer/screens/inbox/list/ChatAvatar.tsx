/** A contact's profile photo (signed URL), or their initials. */
import { initials } from '../../../layout/Shell.tsx';
import { useMediaUrl } from '../media/MediaContext.tsx';

/** The avatar of a chat. */
export function ChatAvatar({ name, mediaId, size = 40 }: { name: string; mediaId: string | null; size?: number }) {
  const url = useMediaUrl(mediaId);
  return (
    <span className="avatar chat-avatar" style={{ width: size, height: size }} aria-hidden="true">
      {url ? <img src={url} alt="" loading="lazy" /> : initials(name.replace(/^\+/, ''))}
    </span>
  );
}
