/**
 * *Enviar un mensaje a N conversaciones* (the list's selection → *Enviar mensaje…*): one text,
 * filled in for each customer (`{nombre}`, `{agente}`, `{empresa}`), sent by each WhatsApp
 * account one chat after another at the pace picked. The server keeps them as scheduled replies
 * (durable: they go even if the app closes); the dialog then counts them going, live, names the
 * chats left out and why, and stops the rest in one click. Customers who asked for no more
 * («BAJA»: ContactOptOut) are left out from the start, by name.
 */
import type { CannedReplyView, InboxChatView, ScheduledMessageView } from '@switchboard/shared';
import { useEffect, useMemo, useState } from 'react';
import { useApi, useMe } from '../../../auth/AuthProvider.tsx';
import { hasMessage, useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useRealtime, useSocketEvent } from '../../../realtime/RealtimeProvider.tsx';
import { Button } from '../../../ui/Button.tsx';
import { FileField } from '../../../ui/FileField.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { SelectField, TextAreaField, TextField } from '../../../ui/Field.tsx';
import { useToast } from '../../../ui/Toasts.tsx';
import { errorText } from '../../../ui/errors.ts';
import { ApiError } from '../../../api/http.ts';
import { inboxApi } from '../inboxApi.ts';
import { snoozePresets } from '../model/snooze.ts';
import { localInput } from '../thread/WhenPicker.tsx';
import { aroundPhrase, whenPhrase } from '../scheduled/whenPhrase.ts';
import { BroadcastTallyView } from './BroadcastTallyView.tsx';
import { chatTitle } from './ChatListItem.tsx';
import { BROADCAST_PACES, BROADCAST_PER_SESSION_MAX, broadcastPlans, broadcastText, lastSendAt, queuedUntil, tallyBroadcast, tooManyForOneAccount } from './broadcast.ts';

/** What was scheduled: the batches (one per account), their sends by id, and the chats left out. */
interface Launched {
  batches: { sessionId: string; batchId: string }[];
  sends: Map<string, ScheduledMessageView>;
  refused: { name: string; why: string }[];
  /** The start picked (ms), or null: at once. */
  startAt: number | null;
}

/** The dialog (mounted while open). */
export function BroadcastDialog({ chats, canned = [], onClose, onScheduled }: { chats: InboxChatView[]; canned?: readonly CannedReplyView[]; onClose(): void; onScheduled(): void }) {
  const { t, tn } = useI18n();
  const [launched, setLaunched] = useState<Launched | null>(null);
  // Those who asked for no more ("BAJA") are left out before anything is sent (the server would refuse them).
  const going = useMemo(() => chats.filter((c) => !c.optedOut), [chats]);
  return (
    <Dialog open onClose={onClose} title={tn('broadcast.title', going.length)} description={launched ? undefined : t('broadcast.description')}>
      {launched ? (
        <BroadcastProgress launched={launched} onChange={(f) => setLaunched((l) => (l ? f(l) : l))} onClose={onClose} />
      ) : (
        <BroadcastForm
          chats={going}
          canned={canned.filter((c) => c.text.trim() && !c.file)}
          optedOut={chats.filter((c) => c.optedOut)}
          onCancel={onClose}
          onLaunched={(l) => {
            setLaunched(l);
            onScheduled();
          }}
        />
      )}
    </Dialog>
  );
}

/** The words, the pace, a preview for the first chat, and when the last goes. */
function BroadcastForm({ chats, optedOut, canned, onCancel, onLaunched }: { chats: InboxChatView[]; optedOut: InboxChatView[]; canned: readonly CannedReplyView[]; onCancel(): void; onLaunched(l: Launched): void }) {
  const i18n = useI18n();
  const { t, tn } = i18n;
  const me = useMe();
  const rest = inboxApi(useApi());
  const toast = useToast();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [pace, setPace] = useState<number>(BROADCAST_PACES[0]);
  // When the first goes: now, one of the times people pick all day (tomorrow at 9:00…), or any date and time.
  const [startKey, setStartKey] = useState<string>('now');
  const [customStart, setCustomStart] = useState('');
  const startAt = (key: string, at = new Date()): number | null => {
    if (key === 'now') return null;
    if (key !== 'custom') return snoozePresets(at).find((p) => p.key === key)?.at ?? null;
    const ms = customStart ? new Date(customStart).getTime() : Number.NaN;
    return Number.isFinite(ms) && ms > at.getTime() ? ms : null;
  };
  const chosenStart = startAt(startKey);
  const startMissing = startKey !== 'now' && chosenStart === null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const plans = useMemo(() => broadcastPlans(chats, text, me.name), [chats, text, me.name]);
  const first = chats[0];
  const tooMany = tooManyForOneAccount(plans);
  const ready = text.trim().length > 0 && chats.length > 0 && !tooMany && !busy && !startMissing;

  const launch = async () => {
    setBusy(true);
    setError(null);
    const start = startAt(startKey);
    const out: Launched = { batches: [], sends: new Map(), refused: [], startAt: start };
    const nameOf = (sessionId: string, chatId: string) => {
      const c = chats.find((x) => x.sessionId === sessionId && x.id === chatId);
      return c ? chatTitle(c) : chatId.split('@')[0]!;
    };
    const refusal = (code: string, fallback: string) => (hasMessage(`broadcast.refused.${code}`) ? t(`broadcast.refused.${code}` as MessageKey) : fallback);
    for (const plan of plans) {
      try {
        // The file is stored once per account; each of its chats gets it with their words.
        const mediaId = file ? (await rest.uploadMedia(plan.sessionId, file)).id : undefined;
        const r = await rest.broadcast(plan.sessionId, plan.messages, pace, { ...(mediaId ? { mediaId } : {}), ...(start ? { startAt: start } : {}) });
        out.batches.push({ sessionId: plan.sessionId, batchId: r.batchId });
        for (const s of r.data) out.sends.set(s.id, s);
        for (const x of r.refused) out.refused.push({ name: nameOf(plan.sessionId, x.chatId), why: refusal(x.code, x.message) });
      } catch (err) {
        // Nothing of this account went: every one of its chats is left out, with the reason.
        const why = refusal(err instanceof ApiError ? err.code : '', errorText(err, t));
        for (const m of plan.messages) out.refused.push({ name: nameOf(plan.sessionId, m.chatId), why });
      }
    }
    setBusy(false);
    if (out.batches.length === 0) {
      setError(`${t('broadcast.refused')} ${out.refused.map((r) => `${r.name} (${r.why})`).join(', ')}`);
      return;
    }
    toast.success(tn('broadcast.done', out.sends.size));
    onLaunched(out);
  };

  return (
    <form
      className="form broadcast-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) void launch();
      }}
    >
      {canned.length > 0 && (
        // The reply's words as written: its {nombre} is filled in for each customer.
        <SelectField label={t('broadcast.canned')} value="" onChange={(e) => setText(canned.find((c) => c.id === e.target.value)?.text ?? text)}>
          <option value="">{t('broadcast.cannedPick')}</option>
          {canned.map((c) => (
            <option key={c.id} value={c.id}>
              /{c.shortcut} · {c.text.length > 60 ? `${c.text.slice(0, 59)}…` : c.text}
            </option>
          ))}
        </SelectField>
      )}
      <TextAreaField label={t('broadcast.text')} hint={t('broadcast.textHint')} value={text} onChange={(e) => setText(e.target.value)} rows={4} maxLength={4096} autoFocus required />
      <FileField current={file} attachLabel={t('broadcast.attach')} removeLabel={t('broadcast.removeFile')} hint={t('broadcast.fileHint')} onPick={setFile} onRemove={() => setFile(null)} />
      <SelectField label={t('broadcast.start')} value={startKey} onChange={(e) => setStartKey(e.target.value)}>
        <option value="now">{t('broadcast.start.now')}</option>
        {snoozePresets(new Date()).map((p) => (
          <option key={p.key} value={p.key}>
            {t(`when.preset.${p.key}`)} · {i18n.fmt.dateTime(p.at)}
          </option>
        ))}
        <option value="custom">{t('when.custom')}…</option>
      </SelectField>
      {startKey === 'custom' && (
        <TextField
          label={t('broadcast.startCustom')}
          type="datetime-local"
          value={customStart}
          min={localInput(Date.now() + 60_000)}
          onChange={(e) => setCustomStart(e.target.value)}
          {...(customStart && startMissing ? { error: t('when.pastTime') } : {})}
        />
      )}
      <SelectField label={t('broadcast.pace')} value={pace} onChange={(e) => setPace(Number(e.target.value))}>
        {BROADCAST_PACES.map((p) => (
          <option key={p} value={p}>
            {t(`broadcast.pace.${p}`)}
          </option>
        ))}
      </SelectField>
      {first && text.trim() && (
        <figure className="scheduled-preview">
          <figcaption className="faint">{t('broadcast.preview', { name: chatTitle(first) })}</figcaption>
          <blockquote>
            {file && (
              <span className="broadcast-file">
                <Icon name="paperclip" size={13} /> {file.name}
              </span>
            )}
            {broadcastText(text, first, me.name)}
          </blockquote>
        </figure>
      )}
      {optedOut.length > 0 && (
        <p className="muted broadcast-opted-out">
          {tn('broadcast.optedOut', optedOut.length)} {optedOut.map((c) => (c.optedOut?.word ? `${chatTitle(c)} («${c.optedOut.word}»)` : chatTitle(c))).join(', ')}
        </p>
      )}
      {tooMany ? (
        <p className="form-error" role="alert">
          {t('broadcast.tooMany', { max: String(BROADCAST_PER_SESSION_MAX) })}
        </p>
      ) : (
        chats.length > 0 &&
        !startMissing && (
        <p className="muted">
          {startKey === 'now'
            ? tn('broadcast.summary', chats.length, { when: aroundPhrase(lastSendAt(plans, pace, Date.now()), Date.now(), i18n) })
            : tn('broadcast.summaryAt', chats.length, { first: whenPhrase(chosenStart!, Date.now(), i18n), when: aroundPhrase(lastSendAt(plans, pace, Date.now(), chosenStart), Date.now(), i18n) })}
          {plans.length > 1 && ` ${t('broadcast.perAccount')}`}
        </p>
        )
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-inline-actions">
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
        <Button type="submit" variant="primary" icon="send" disabled={!ready}>
          {busy ? t('broadcast.sending') : tn('broadcast.submit', chats.length)}
        </Button>
      </div>
    </form>
  );
}

/** The sends going, counted live; the chats left out; *Detener los que faltan*. */
function BroadcastProgress({ launched, onChange, onClose }: { launched: Launched; onChange(f: (l: Launched) => Launched): void; onClose(): void }) {
  const i18n = useI18n();
  const { t, tn } = i18n;
  const rest = inboxApi(useApi());
  const toast = useToast();
  const { state } = useRealtime();
  const [stopping, setStopping] = useState(false);
  const batchIds = useMemo(() => new Set(launched.batches.map((b) => b.batchId)), [launched.batches]);

  const merge = (views: ScheduledMessageView[]) =>
    onChange((l) => {
      const mine = views.filter((v) => v.batchId && batchIds.has(v.batchId));
      if (mine.length === 0) return l;
      const sends = new Map(l.sends);
      for (const v of mine) sends.set(v.id, v);
      return { ...l, sends };
    });
  useSocketEvent('scheduled-message', (e: ScheduledMessageView) => merge([e]));
  // Events are not replayed: read the batches again whenever the connection is back live.
  useEffect(() => {
    if (state !== 'live') return;
    let cancelled = false;
    void Promise.all(launched.batches.map((b) => rest.broadcastSends(b.sessionId, b.batchId).catch(() => []))).then((lists) => !cancelled && merge(lists.flat()));
    return () => {
      cancelled = true;
    };
  }, [state]);

  const sends = [...launched.sends.values()];
  const tally = tallyBroadcast(sends);
  const last = Math.max(0, ...sends.filter((s) => s.status === 'scheduled' || s.status === 'sending').map((s) => s.sendAt));
  const queued = queuedUntil(sends, Date.now(), launched.startAt);

  const stop = async () => {
    setStopping(true);
    try {
      let n = 0;
      for (const b of launched.batches) n += (await rest.stopBroadcast(b.sessionId, b.batchId)).cancelled;
      toast.success(tn('broadcast.stopped', n));
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setStopping(false);
    }
  };

  return (
    <div className="broadcast-progress">
      <BroadcastTallyView tally={tally} lastAt={last} live />
      {queued !== null ? (
        <p className="muted">{t('broadcast.queued', { when: aroundPhrase(queued, Date.now(), i18n) })}</p>
      ) : (
        launched.startAt !== null && tally.sent === 0 && tally.waiting > 0 && <p className="muted">{t('broadcast.startsAt', { when: whenPhrase(launched.startAt, Date.now(), i18n) })}</p>
      )}
      {launched.refused.length > 0 && (
        <section className="broadcast-refused">
          <h3>{t('broadcast.refused')}</h3>
          <ul className="bulk-failures">
            {launched.refused.map((r, i) => (
              <li key={i}>
                {r.name} — {r.why}
              </li>
            ))}
          </ul>
        </section>
      )}
      {tally.waiting > 0 && <p className="muted">{t('broadcast.keepsGoing')}</p>}
      <div className="dialog-inline-actions">
        {tally.waiting > 0 && (
          <Button icon="stop" disabled={stopping} onClick={() => void stop()}>
            {t('broadcast.stop')}
          </Button>
        )}
        <Button variant="primary" onClick={onClose}>
          {t('action.close')}
        </Button>
      </div>
    </div>
  );
}
