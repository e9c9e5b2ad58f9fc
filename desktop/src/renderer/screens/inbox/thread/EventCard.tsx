/**
 * A WhatsApp event in the thread, as the phone shows it: its name, when (in the reader's zone),
 * where (with a map when it has coordinates) or its call link, its description, whether it was
 * cancelled, who answered it (EventAnswers), and *Añadir al calendario*, a calendar file for the
 * reader's own calendar.
 */
import type { InboxMessageView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { EventAnswers } from './EventAnswers.tsx';
import { eventFileName, eventIcs, eventWhen } from './calendarEvent.ts';
import { formatText } from './formatText.tsx';
import { mapHref } from './mapLink.ts';

export function EventCard({ m, names }: { m: Pick<InboxMessageView, 'id' | 'chatId' | 'fromMe' | 'text' | 'caption' | 'event'>; names?: ReadonlyMap<string, string> | undefined }) {
  const { t, locale } = useI18n();
  const e = m.event;
  if (!e) return <p className="muted msg-text">{t('thread.unsupported')}</p>;
  const name = m.text || t('event.label');
  const place = e.place ? [e.place.name, e.place.address].filter(Boolean).join(' · ') : '';
  const map = e.place?.latitude !== undefined && e.place.longitude !== undefined ? mapHref({ latitude: e.place.latitude, longitude: e.place.longitude }) : null;
  const download = () => {
    const file = eventIcs({ uid: m.id, name, description: m.caption, event: e, now: Date.now() });
    const url = URL.createObjectURL(new Blob([file], { type: 'text/calendar;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = eventFileName(name, t('event.fileName'));
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className={`msg-event${e.canceled ? ' msg-event-canceled' : ''}`} aria-label={t('event.label')}>
      <div className="msg-event-head">
        <span className="msg-event-icon" aria-hidden="true">
          <Icon name="calendar" size={18} />
        </span>
        <div>
          <p className="msg-event-name">{name}</p>
          {e.canceled && <span className="badge badge-bad">{t('event.canceled')}</span>}
        </div>
      </div>
      <ul className="msg-event-lines">
        <li>
          <Icon name="clock" size={13} />
          <span>{eventWhen(e, locale)}</span>
        </li>
        {place && (
          <li>
            <Icon name="map" size={13} />
            <span>
              {place}
              {map && (
                <>
                  {' · '}
                  <a href={map} target="_blank" rel="noopener noreferrer">
                    {t('thread.openMap')}
                  </a>
                </>
              )}
            </span>
          </li>
        )}
        {e.link && (
          <li>
            <Icon name={e.link.includes('/video/') ? 'video' : 'call'} size={13} />
            <a href={e.link} target="_blank" rel="noopener noreferrer">
              {t('event.callLink')}
            </a>
          </li>
        )}
      </ul>
      {m.caption && <p className="msg-text msg-event-description">{formatText(m.caption)}</p>}
      {/* A customer's own event in their chat has nobody to wait for but the account: no "nobody yet" line. */}
      {!e.canceled && <EventAnswers responses={e.responses} names={names} awaited={m.fromMe || m.chatId.endsWith('@g.us')} />}
      {!e.canceled && (
        <Button size="sm" icon="calendar" className="msg-event-add" onClick={download}>
          {t('event.addToCalendar')}
        </Button>
      )}
    </div>
  );
}
