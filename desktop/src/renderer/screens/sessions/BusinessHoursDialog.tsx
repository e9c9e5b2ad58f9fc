/**
 * Setting a session's automatic messages: the greeting for customers who write for the first
 * time (on or off, the message), the opening hours and away reply: on or off, the time zone,
 * each day open or closed with one shift or a split one, *Copiar el lunes de martes a viernes*,
 * and the message; and declining WhatsApp calls, with the message the caller gets.
 * A schedule never set starts from Monday–Friday 9:00–18:00, the device's time zone and a
 * suggested message. The server checks the hours again (400 `invalid_hours`).
 */
import type { BusinessHoursView, TimeRange, WeekSchedule } from '@switchboard/shared';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button, IconButton } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Notice } from '../../ui/Feedback.tsx';
import { CheckboxField, SelectField, TextAreaField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { DEFAULT_AWAY, DEFAULT_CALL_MESSAGE, DEFAULT_GREETING, DEFAULT_WEEK, isTime, normalizeTime, weekdayNames } from './businessHoursModel.ts';
import { sessionsApi } from './sessionsApi.ts';

const DEVICE_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** Every zone the browser knows (Chromium lists them), else the device's. */
const ZONES: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return [DEVICE_ZONE];
  }
})();

interface Props {
  /** The stored hours; null: closed. */
  hours: BusinessHoursView | null;
  sessionName: string;
  onClose(): void;
  onSaved(hours: BusinessHoursView): void;
}

/** The dialog (closed when `hours` is null). */
export function BusinessHoursDialog({ hours, sessionName, onClose, onSaved }: Props) {
  const { t, locale } = useI18n();
  const api = sessionsApi(useApi());
  const toast = useToast();
  const { busy, error, reset, run } = useSubmit(t);
  const [enabled, setEnabled] = useState(true);
  const [timeZone, setTimeZone] = useState(DEVICE_ZONE);
  const [week, setWeek] = useState<WeekSchedule>(DEFAULT_WEEK);
  const [message, setMessage] = useState('');
  const [greeting, setGreeting] = useState(false);
  const [greetingText, setGreetingText] = useState('');
  const [rejectCalls, setRejectCalls] = useState(false);
  const [callText, setCallText] = useState('');
  const days = weekdayNames(locale, 'long');
  // Each opening starts from the stored hours (never set: a working week, ready to switch on).
  useEffect(() => {
    if (!hours) return;
    reset();
    setEnabled(hours.week ? hours.enabled : true);
    setTimeZone(hours.timeZone ?? DEVICE_ZONE);
    setWeek(hours.week ?? DEFAULT_WEEK);
    setMessage(hours.awayMessage || DEFAULT_AWAY[locale]);
    setGreeting(hours.greetingEnabled);
    setGreetingText(hours.greetingMessage || DEFAULT_GREETING[locale]);
    setRejectCalls(hours.rejectCalls);
    setCallText(hours.rejectCalls ? hours.callMessage : hours.callMessage || DEFAULT_CALL_MESSAGE[locale]);
  }, [hours]);
  const zones = useMemo(() => (ZONES.includes(timeZone) ? ZONES : [timeZone, ...ZONES]), [timeZone]);

  const setDay = (day: number, ranges: TimeRange[]) => setWeek((w) => w.map((r, i) => (i === day ? ranges : r)));
  const setTime = (day: number, index: number, key: 'from' | 'to', value: string) => setDay(day, week[day]!.map((r, i) => (i === index ? { ...r, [key]: value } : r)));
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!hours) return;
    await run(async () => {
      const typed = week.map((ranges) => ranges.map((r) => ({ from: normalizeTime(r.from), to: normalizeTime(r.to) })));
      const saved = await api.setBusinessHours(hours.sessionId, { enabled, timeZone, week: typed, awayMessage: message.trim(), greetingEnabled: greeting, greetingMessage: greetingText.trim(), rejectCalls, callMessage: callText.trim() });
      toast.success(t('hours.saved'));
      onSaved(saved);
    });
  };

  return (
    <Dialog
      open={hours !== null}
      onClose={onClose}
      title={t('hours.dialogTitle', { session: sessionName })}
      description={t('hours.dialogHint')}
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="primary" busy={busy} onClick={() => void submit()}>
            {t('action.save')}
          </Button>
        </>
      }
    >
      <form className="form" onSubmit={(e) => void submit(e)}>
        {error && <Notice kind="danger">{error}</Notice>}
        <fieldset className="fieldset">
          <legend>{t('hours.greetingTitle')}</legend>
          <CheckboxField label={t('hours.greetingEnabled')} hint={t('hours.greetingHint')} checked={greeting} onChange={(e) => setGreeting(e.target.checked)} />
          <TextAreaField label={t('hours.greetingMessage')} rows={2} maxLength={1000} disabled={!greeting} value={greetingText} onChange={(e) => setGreetingText(e.target.value)} />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('hours.hoursTitle')}</legend>
          <CheckboxField label={t('hours.enabled')} hint={t('hours.awayHint')} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          <SelectField label={t('hours.timeZone')} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </SelectField>
          <fieldset className="fieldset hours-week">
            <legend>{t('hours.week')}</legend>
            {week.map((ranges, day) => (
              <div className="hours-day" key={day} data-day={day}>
                <CheckboxField
                  label={days[day]}
                  aria-label={t('hours.openDay', { day: days[day]! })}
                  checked={ranges.length > 0}
                  onChange={(e) => setDay(day, e.target.checked ? [{ from: '09:00', to: '18:00' }] : [])}
                />
                <div className="hours-ranges">
                  {ranges.length === 0 ? (
                    <span className="faint">{t('hours.closed')}</span>
                  ) : (
                    ranges.map((r, i) => (
                      <span className="hours-range" key={i}>
                        {(['from', 'to'] as const).map((k) => [
                          k === 'to' && <span key="dash" aria-hidden="true">–</span>,
                          <input
                            key={k}
                            className="input"
                            inputMode="numeric"
                            placeholder={k === 'from' ? '09:00' : '18:00'}
                            maxLength={5}
                            aria-label={`${days[day]} · ${t(k === 'from' ? 'hours.from' : 'hours.to')}${i ? ' 2' : ''}`}
                            aria-invalid={isTime(r[k]) ? undefined : true}
                            value={r[k]}
                            onChange={(e) => setTime(day, i, k, e.target.value)}
                            onBlur={(e) => setTime(day, i, k, normalizeTime(e.target.value))}
                          />,
                        ])}
                      </span>
                    ))
                  )}
                  {ranges.length === 1 && (
                    <IconButton size="sm" icon="plus" label={`${t('hours.split')} · ${days[day]}`} onClick={() => setDay(day, [...ranges, { from: '16:00', to: '20:00' }])} />
                  )}
                  {ranges.length > 1 && <IconButton size="sm" icon="x" label={`${t('hours.unsplit')} · ${days[day]}`} onClick={() => setDay(day, ranges.slice(0, 1))} />}
                </div>
              </div>
            ))}
            <Button size="sm" variant="ghost" icon="copy" onClick={() => setWeek((w) => w.map((r, i) => (i >= 1 && i <= 4 ? w[0]!.map((x) => ({ ...x })) : r)))}>
              {t('hours.copyMonday')}
            </Button>
          </fieldset>
          <TextAreaField label={t('hours.message')} hint={t('hours.messageHint')} rows={3} maxLength={1000} value={message} onChange={(e) => setMessage(e.target.value)} />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('hours.callsTitle')}</legend>
          <CheckboxField label={t('hours.rejectCalls')} hint={t('hours.rejectCallsHint')} checked={rejectCalls} onChange={(e) => setRejectCalls(e.target.checked)} />
          <TextAreaField label={t('hours.callMessage')} hint={t('hours.callMessageHint')} rows={2} maxLength={1000} disabled={!rejectCalls} value={callText} onChange={(e) => setCallText(e.target.value)} />
        </fieldset>
      </form>
    </Dialog>
  );
}
