/**
 * Who answered an event, as the phone counts them: *Asistirán*, *Quizá*, *No asistirán*, each with
 * how many and who (the first few by name), and the guests someone brings along (*Lucía (+1)*);
 * *Nadie ha respondido todavía* where answers are `awaited` (a group's event, or the account's).
 */
import { EVENT_ANSWERS, type EventResponse } from '@switchboard/shared';
import { useI18n } from '../../../i18n/index.tsx';
import { personName, votersInWords } from './MessageCards.tsx';

export function EventAnswers({ responses = [], names, awaited }: { responses?: readonly EventResponse[] | undefined; names?: ReadonlyMap<string, string> | undefined; awaited: boolean }) {
  const { t, tn } = useI18n();
  if (responses.length === 0) return awaited ? <p className="faint msg-event-answers-none">{t('event.noAnswers')}</p> : null;
  return (
    <ul className="msg-event-answers">
      {EVENT_ANSWERS.map((answer) => {
        const people = responses.filter((r) => r.answer === answer);
        if (people.length === 0) return null;
        const who = people.map((r) => (r.extraGuests ? `${personName(r.responder, names)} (+${r.extraGuests})` : personName(r.responder, names)));
        const guests = people.reduce((sum, r) => sum + (r.extraGuests ?? 0), 0);
        const named = votersInWords(who, (count) => t('poll.andMore', { count }));
        const label = t(`event.answer.${answer}`);
        return (
          <li key={answer} className={`msg-event-answer msg-event-answer-${answer}`} title={who.join(', ')} aria-label={`${label}: ${people.length}${guests ? `, ${tn('event.guests', guests)}` : ''} (${named})`}>
            <span className="msg-event-answer-row" aria-hidden="true">
              <span className="msg-event-answer-label">{label}</span>
              <span className="msg-event-answer-count">{people.length}</span>
              {guests > 0 && <span className="faint">{tn('event.guests', guests)}</span>}
            </span>
            <span className="msg-event-answer-who" aria-hidden="true">
              {named}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
