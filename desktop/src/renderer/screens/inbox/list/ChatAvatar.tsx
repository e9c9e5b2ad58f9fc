/** A contact's profile photo (signed URL), their initials, or a person for a bare number. */
import { initials } from '../../../ui/initials.ts';
import { Icon } from '../../../ui/Icon.tsx';
import { useMediaUrl } from '../media/MediaContext.tsx';

/** The avatar of a chat. */
export function ChatAvatar({ name, mediaId, size = 40 }: { name: string; mediaId: string | null; size?: number }) {
  const url = useMediaUrl(mediaId);
  return (
    <span className="avatar chat-avatar" style={{ width: size, height: size }} aria-hidden="true">
      {url ? <img src={url} alt="" loading="lazy" /> : /\p{L}/u.test(name) ? initials(name) : <Icon name="user" size={Math.round(size / 2)} />}
    </span>
  );
}
