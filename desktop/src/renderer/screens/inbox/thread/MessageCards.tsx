/**
 * Messages that are not words: a shared contact card (one person or several, each with their
 * numbers — *Enviar mensaje* opens the number's chat in the same account, or starts one — and
 * e-mails), and a poll (its question and options; votes are counted on the phone).
 */
import { parseVCards, pollParts, type InboxMessageView, type VCardPerson } from '@switchboard/shared';
import { useMemo } from 'react';
import { hasMessage, useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { Button, IconButton } from '../../../ui/Button.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { useToast } from '../../../ui/Toasts.tsx';
import { ChatAvatar } from '../list/ChatAvatar.tsx';
import { displayPhone, phoneFromJid } from '../model/keys.ts';
import { useWriteTo } from './useWriteTo.ts';

/** The people of a contact message. */
export function ContactCards({ m }: { m: Pick<InboxMessageView, 'text' | 'sessionId'> }) {
  const { t } = useI18n();
  const people = useMemo(() => parseVCards(m.text), [m.text]);
  if (people.length === 0) return <p className="muted msg-text">{t('card.empty')}</p>;
  return (
    <ul className="msg-cards" aria-label={t('card.label')}>
      {people.map((p, i) => (
        <CardPerson key={i} person={p} sessionId={m.sessionId} />
      ))}
    </ul>
  );
}

function CardPerson({ person, sessionId }: { person: VCardPerson; sessionId: string }) {
  const { t } = useI18n();
  // A card's own words for a number (`Móvil`) as they are; vCard's types (`CELL`) in the reader's language.
  const labelOf = (label: string) => {
    const key = `card.type.${label.toLowerCase()}`;
    return hasMessage(key) ? t(key as MessageKey) : label;
  };
  const toast = useToast();
  const writeTo = useWriteTo();
  const copy = (number: string) => {
    void navigator.clipboard?.writeText(number).then(
      () => toast.success(t('card.copied')),
      () => toast.error(t('contact.copyFailed')),
    );
  };
  return (
    <li className="msg-card">
      <div className="msg-card-head">
        <ChatAvatar name={person.name} mediaId={null} size={36} />
        <div className="msg-card-who">
          <strong>{person.name}</strong>
          {person.org && person.org !== person.name && <span className="faint">{person.org}</span>}
        </div>
      </div>
      {(person.phones.length > 0 || person.emails.length > 0) && (
        <ul className="msg-card-lines">
          {person.phones.map((phone, i) => (
            <li key={`t${i}`}>
              <Icon name="phone" size={13} />
              <span className="msg-card-number" title={phone.whatsapp ? undefined : t('card.noWhatsApp')}>
                {phone.number}
              </span>
              {phone.label && <span className="faint">{labelOf(phone.label)}</span>}
              <IconButton icon="copy" size="sm" label={t('card.copy', { phone: phone.number })} onClick={() => copy(phone.number)} />
              {phone.whatsapp && (
                <Button size="sm" icon="message" aria-label={t('card.writeTo', { name: person.name, phone: phone.number })} onClick={() => writeTo({ sessionId, phone: phone.whatsapp!, name: person.name })}>
                  {t('card.write')}
                </Button>
              )}
            </li>
          ))}
          {person.emails.map((email) => (
            <li key={email}>
              <Icon name="mail" size={13} />
              <span className="msg-card-number">{email}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** How many voters an option names before saying how many more. */
const SHOWN_VOTERS = 3;

/** A person who voted or answered, by name: the thread's or group's for them, else their number. */
export function personName(jid: string, names: ReadonlyMap<string, string> | undefined): string {
  return names?.get(jid) ?? displayPhone(phoneFromJid(jid)) ?? jid;
}

/** Who voted for an option, in words: the first few by name, then how many more. */
export function votersInWords(names: readonly string[], andMore: (count: number) => string): string {
  return names.length > SHOWN_VOTERS ? `${names.slice(0, SHOWN_VOTERS).join(', ')} ${andMore(names.length - SHOWN_VOTERS)}` : names.join(', ');
}

/**
 * A poll: the question, then its options (its stored text: one per line), each with how many
 * voted for it, who (the first few by name) and a bar of their share of the voters.
 */
export function PollCard({ text, votes = [], names }: { text: string | undefined; votes?: InboxMessageView['pollVotes']; names?: ReadonlyMap<string, string> | undefined }) {
  const { t, tn } = useI18n();
  const { question, options } = pollParts(text);
  const voters = votes.length;
  return (
    <div className="msg-poll">
      <p className="msg-poll-question">
        <Icon name="chart" size={15} label={t('poll.label')} /> {question}
      </p>
      <ul className="msg-poll-options">
        {options.map((o, i) => {
          const who = votes.filter((v) => v.options.includes(o)).map((v) => personName(v.voter, names));
          const named = votersInWords(who, (count) => t('poll.andMore', { count }));
          return (
            <li key={i} title={who.join(', ') || undefined} aria-label={`${tn('poll.option', who.length, { option: o })}${named ? ` (${named})` : ''}`}>
              <span className="msg-poll-row">
                <span className="msg-poll-dot" aria-hidden="true" />
                <span className="msg-poll-name">{o}</span>
                <span className="msg-poll-count" aria-hidden="true">
                  {who.length}
                </span>
              </span>
              {named && (
                <span className="msg-poll-voters" aria-hidden="true">
                  {named}
                </span>
              )}
              <span className="msg-poll-bar" aria-hidden="true" style={{ width: `${voters ? (100 * who.length) / voters : 0}%` }} />
            </li>
          );
        })}
      </ul>
      <p className="faint msg-poll-note">{voters ? tn('poll.voters', voters) : t('poll.noVotes')}</p>
    </div>
  );
}
