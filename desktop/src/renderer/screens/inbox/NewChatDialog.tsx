/**
 * *Nueva conversación*: write to a customer who has not written yet. The user picks the session
 * to write from (those they may start conversations from), types the number and the first
 * message; the gateway asks WhatsApp whether the number has an account before anything is sent
 * (a send to a number without it would sit at one tick for ever) and hands the conversation to
 * the user, and the message then goes through the offline outbox like any reply, exactly once,
 * to the chat id WhatsApp gave. It is assigned to the user who started it — their choice
 * (*Asignármela*) when they may read every chat of the session, always otherwise. A link may
 * fill in the session and the number (`/inbox?new=<number>&session=<id>`: a group member's
 * *Escribirle en privado*). With several people at once, *Nuevo grupo* (NewGroupDialog) instead.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/http.ts';
import { useAbility } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Notice } from '../../ui/Feedback.tsx';
import { CheckboxField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { assignmentOptional, phoneDigits } from './model/newChat.ts';
import { StartFromSessionField, useStartFromSession } from './StartFromSession.tsx';

interface Props {
  open: boolean;
  onClose(): void;
  /** Starts the conversation (number checked, assigned when asked), sends the first message (the outbox) and opens the chat. */
  onStart(sessionId: string, phone: string, text: string, assignToMe: boolean): Promise<void>;
  /** The session and number to start with (a link asked for them). */
  initial?: { sessionId?: string | undefined; phone: string } | null | undefined;
  /** Opens *Nuevo grupo* instead. */
  onNewGroup(): void;
}

/** The dialog; closes once the first message is queued. */
export function NewChatDialog({ open, onClose, onStart, initial, onNewGroup }: Props) {
  const { t } = useI18n();
  const ability = useAbility();
  const { choices, sessionId, setSessionId } = useStartFromSession(open, initial?.sessionId);
  const [phone, setPhone] = useState('');
  const [text, setText] = useState('');
  const [phoneError, setPhoneError] = useState<string | undefined>();
  const { busy, error, reset, run } = useSubmit(t);
  const [assignToMe, setAssignToMe] = useState(true);
  const optional = !!sessionId && assignmentOptional(ability, sessionId);

  useEffect(() => {
    if (!open) return;
    setPhone(initial?.phone ? `+${initial.phone}` : '');
    setText('');
    setPhoneError(undefined);
    reset();
    setAssignToMe(true);
  }, [open]);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    reset();
    const digits = phoneDigits(phone);
    setPhoneError(digits ? undefined : t('newChat.phoneInvalid'));
    if (!digits || !sessionId || !text.trim()) return;
    await run(async () => {
      try {
        await onStart(sessionId, digits, text.trim(), !optional || assignToMe);
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'not_on_whatsapp')) throw err;
        setPhoneError(t('newChat.notOnWhatsApp'));
      }
    });
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="sm"
      title={t('newChat.title')}
      description={t('newChat.hint')}
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="primary" icon="send" busy={busy} disabled={!sessionId || !phone.trim() || !text.trim()} onClick={() => void submit()}>
            {t('newChat.send')}
          </Button>
        </>
      }
    >
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p className="field-hint">
          {t('newGroup.instead')}{' '}
          <button type="button" className="link-button" onClick={onNewGroup}>
            {t('newGroup.title')}
          </button>
        </p>
        {error && <Notice kind="danger">{error}</Notice>}
        <StartFromSessionField choices={choices} value={sessionId} onChange={setSessionId} />
        <TextField
          label={t('newChat.phone')}
          hint={t('newChat.phoneHint')}
          error={phoneError}
          value={phone}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          autoFocus
          placeholder="+34 612 345 678"
          onChange={(e) => {
            setPhone(e.target.value);
            setPhoneError(undefined);
          }}
        />
        <TextAreaField label={t('newChat.message')} value={text} rows={4} maxLength={4096} onChange={(e) => setText(e.target.value)} />
        {optional ? (
          <CheckboxField label={t('newChat.assignToMe')} hint={t('newChat.assignToMeHint')} checked={assignToMe} onChange={(e) => setAssignToMe(e.target.checked)} />
        ) : (
          sessionId && <p className="field-hint">{t('newChat.assignedToYou')}</p>
        )}
      </form>
    </Dialog>
  );
}
