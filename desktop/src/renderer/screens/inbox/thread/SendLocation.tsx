/**
 * *Enviar ubicación* in the reply box: a place the customer's phone opens on its map (the shop,
 * a pick-up point). The person pastes a map link or types coordinates (mapLink.ts), and may name
 * the place and give its address; the place is checked on a map link before it goes. The last
 * places sent from each session are offered again, so the shop's own location is one click away.
 * It goes through the offline outbox like any reply.
 */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { TextField } from '../../../ui/Field.tsx';
import type { SharedLocation } from '../outbox/types.ts';
import { mapHref, readMapLink } from './mapLink.ts';

interface Props {
  open: boolean;
  onClose(): void;
  sessionId: string;
  chatName: string;
  /** Queues the place (the outbox sends it). */
  onSend(location: SharedLocation): Promise<void>;
}

/** How many places sent from a session are offered again. */
const REMEMBERED = 3;
const storageKey = (sessionId: string) => `switchboard.sentPlaces.${sessionId}`;

function rememberedPlaces(sessionId: string): SharedLocation[] {
  try {
    const list = JSON.parse(localStorage.getItem(storageKey(sessionId)) ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter((p): p is SharedLocation => typeof p?.latitude === 'number' && typeof p?.longitude === 'number').slice(0, REMEMBERED) : [];
  } catch {
    return [];
  }
}

function remember(sessionId: string, place: SharedLocation): void {
  const same = (p: SharedLocation) => p.latitude === place.latitude && p.longitude === place.longitude;
  try {
    localStorage.setItem(storageKey(sessionId), JSON.stringify([place, ...rememberedPlaces(sessionId).filter((p) => !same(p))].slice(0, REMEMBERED)));
  } catch {
    // Storage full or off: nothing is offered next time.
  }
}

/** The dialog (ReplyTools opens it). */
export function SendLocationDialog(p: Props) {
  const { t } = useI18n();
  return (
    <Dialog open={p.open} onClose={p.onClose} size="sm" title={t('location.title')} description={t('location.description', { name: p.chatName })}>
      {p.open && <SendLocationForm {...p} />}
    </Dialog>
  );
}

function SendLocationForm({ sessionId, onSend, onClose }: Props) {
  const { t } = useI18n();
  const [link, setLink] = useState('');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [recent] = useState(() => rememberedPlaces(sessionId));
  const read = link.trim() ? readMapLink(link) : null;
  const place = read?.ok ? read.place : null;

  const fill = (p: SharedLocation) => {
    setLink(`${p.latitude}, ${p.longitude}`);
    setName(p.name ?? '');
    setAddress(p.address ?? '');
    setError(undefined);
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!place) {
      setError(t(read && !read.ok && read.reason === 'short_link' ? 'location.shortLink' : 'location.unreadable'));
      return;
    }
    const location: SharedLocation = { ...place, ...(name.trim() ? { name: name.trim() } : {}), ...(address.trim() ? { address: address.trim() } : {}) };
    setBusy(true);
    try {
      await onSend(location);
      remember(sessionId, location);
      onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form send-location" onSubmit={(e) => void submit(e)}>
      {recent.length > 0 && (
        <div className="send-location-recent" role="group" aria-label={t('location.recent')}>
          <span className="faint">{t('location.recent')}</span>
          {recent.map((p) => (
            <button key={`${p.latitude},${p.longitude}`} type="button" className="chip" onClick={() => fill(p)}>
              {p.name ?? `${p.latitude.toFixed(4)}, ${p.longitude.toFixed(4)}`}
            </button>
          ))}
        </div>
      )}
      <TextField
        label={t('location.link')}
        hint={place ? t('location.found', { at: `${place.latitude.toFixed(5)}, ${place.longitude.toFixed(5)}` }) : t('location.linkHint')}
        error={error}
        value={link}
        autoFocus
        placeholder="https://www.google.com/maps/…"
        onChange={(e) => {
          setLink(e.target.value);
          setError(undefined);
        }}
      />
      {place && (
        <a className="send-location-check" href={mapHref(place, 17)} target="_blank" rel="noopener noreferrer">
          {t('location.check')}
        </a>
      )}
      <TextField label={t('location.name')} value={name} maxLength={256} placeholder={t('location.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
      <TextField label={t('location.address')} value={address} maxLength={512} onChange={(e) => setAddress(e.target.value)} />
      <div className="dialog-inline-actions">
        <Button onClick={onClose}>{t('action.cancel')}</Button>
        <Button type="submit" variant="primary" icon="send" busy={busy}>
          {t('location.submit')}
        </Button>
      </div>
    </form>
  );
}
