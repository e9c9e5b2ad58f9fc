/**
 * The reply box: text with emoji, attachments (button, drag-and-drop onto the thread, paste),
 * a quoted message, `/` quick replies, typing presence, and Enter to send (or Ctrl/Cmd+Enter, a
 * choice of the device: `sendKey.ts`). Every reply goes through the offline outbox, so typing
 * while disconnected is safe. The "Nota interna" tab writes a note for the team instead: never
 * sent to WhatsApp, no typing shown to the contact, no attachments. A reply typed and not sent
 * is the chat's draft (`model/drafts.ts`): it is there again when the chat is opened again.
 */
import type { CannedFileView, CannedReplyView, ChatPersonView, MessageMention } from '@switchboard/shared';
import { useEffect, useId, useRef, useState, type ClipboardEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import type { QuotedMessage } from '../model/drafts.ts';
import { Button, IconButton } from '../../../ui/Button.tsx';
import { CannedSuggestions, matchCanned } from './CannedSuggestions.tsx';
import { fillCanned, type CannedValues } from './cannedVariables.ts';
import { EmojiPicker } from './emoji/EmojiPicker.tsx';
import { emojiQuery, EmojiSuggestions, pickEmoji, useEmojiShortcut } from './emoji/EmojiSuggestions.tsx';
import { SendKeyHint } from './SendKeyHint.tsx';
import { ScheduleDialog } from '../scheduled/ScheduleDialog.tsx';
import { VoiceRecorder } from './VoiceRecorder.tsx';
import { MentionButton, mentionQuery, MentionSuggestions, type Mentionable } from '../notes/MentionButton.tsx';
import { isSendPress, loadSendKey, type SendKey } from './sendKey.ts';
import { typedBeforeCaret } from './caretText.ts';
import { useCaret } from './useCaret.ts';
import { useMentionPicker } from './useMentionPicker.ts';
import { writeMentions } from './replyMentions.ts';
import { ComposerModes, ComposerQuote } from './ComposerParts.tsx';

/** Props of Composer. */
export interface ComposerProps {
  chatName: string;
  quoting: QuotedMessage | null;
  onCancelQuote(): void;
  files: readonly File[];
  onFiles(files: File[]): void;
  onRemoveFile(index: number): void;
  canned: CannedReplyView[];
  /** What `{nombre}`, `{agente}` and `{empresa}` stand for in this chat's quick replies. */
  cannedValues: CannedValues;
  offline: boolean;
  /** Sends the reply; `mentions`: the group members it mentions (written `@digits` in the text). */
  onSend(text: string, mentions: MessageMention[]): Promise<void>;
  /** Schedules the reply (text only) for a later time (rejects when it could not be scheduled: the text stays). */
  onSchedule(text: string, at: number, mentions: MessageMention[]): Promise<void>;
  /** Sends a recorded voice note; `onRecording` tells the contact one is being recorded. */
  onVoice(file: File): void;
  onRecording(active: boolean): void;
  /** Saves an internal note and tells the colleagues it mentions (rejects when it could not be saved: the text stays). */
  onNote(text: string, mentions: string[]): Promise<void>;
  /** The colleagues who may read the chat, to mention in a note. */
  loadPeople(): Promise<ChatPersonView[]>;
  /** A group's members, to mention in a reply (absent for a chat with one person). */
  loadMembers?: (() => Promise<Mentionable[]>) | undefined;
  onTyping(active: boolean): void;
  onManageCanned(): void;
  /** More ways to reply beside the attach button (*Compartir contacto*, *Crear encuesta*). */
  tools?: ReactNode;
  /** Attaches the file of a picked canned reply to the reply box. */
  onCannedFile(c: CannedReplyView & { file: CannedFileView }): void;
  /** Imperative focus request (changes when the composer should take focus). */
  focusToken: number;
  /** Escape with nothing to dismiss: leave the composer. */
  onEscape(): void;
  /** Why the account may not reply here (a group it may not write in): the reply tab says so instead of offering the box. */
  replyBlocked?: ReactNode;
  /** The reply left unsent in this chat last time (the box starts with it). */
  draft: string;
  /** What the reply box holds now, to keep as the chat's draft. */
  onDraft(text: string): void;
}

/** The composer. */
export function Composer(p: ComposerProps) {
  const { t, fmt } = useI18n();
  const [text, setText] = useState(p.draft);
  const [emoji, setEmoji] = useState(false);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const [sending, setSending] = useState(false);
  const [sendKey, setSendKey] = useState<SendKey>(loadSendKey);
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [scheduling, setScheduling] = useState(false);
  const [recording, setRecording] = useState(false);
  const noting = mode === 'note';
  const sendHint = t(sendKey === 'enter' ? 'composer.hint.enter' : 'composer.hint.ctrlEnter');
  /** The send key pressed while a send was still being queued: send again once it is (see `send`). */
  const [sendAgain, setSendAgain] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastTypingAt = useRef(0);
  const listId = useId();
  // `@…` and `:…` look at what was typed before the caret, wherever it is in the text.
  const caret = useCaret(area, text, setText);
  // `@` and a name: colleagues in a note (loaded when the tab opens), members in a reply to a group.
  const colleagues = useMentionPicker({ on: noting, eager: true, typed: caret.typed, dismissed, load: p.loadPeople });
  const members = useMentionPicker({ on: !noting, eager: false, typed: caret.typed, dismissed, load: p.loadMembers });
  const mentioning = noting ? colleagues : members;

  // Focus goes to the box when asked, and when the tab changes (the box may only now be there).
  const [switched, setSwitched] = useState(0);
  useEffect(() => area.current?.focus(), [p.focusToken, switched]);
  // A reply typed and not sent stays as the chat's draft (a note is not a reply: not kept):
  // recorded once typing pauses (not on every key: the whole inbox would redraw) and when the
  // chat closes, so switching chats mid-word keeps every letter.
  const { onDraft } = p;
  const latest = useRef({ text, mode, onDraft });
  latest.current = { text, mode, onDraft };
  useEffect(() => {
    if (mode !== 'reply') return;
    const timer = setTimeout(() => onDraft(text), 300);
    return () => clearTimeout(timer);
  }, [text, mode, onDraft]);
  useEffect(
    () => () => {
      if (latest.current.mode === 'reply') latest.current.onDraft(latest.current.text);
    },
    [],
  );
  useEffect(() => () => clearTimeout(typingTimer.current), []);

  const slash = noting ? null : /^\/([\w-]*)$/.exec(text);
  const suggestions = slash && !dismissed ? matchCanned(p.canned, slash[1] ?? '') : null;
  const mentionItems = suggestions ? [] : mentioning.items;
  // `:gracias` offers the emoji of that name, in a reply or a note.
  const shortcut = useEmojiShortcut(caret.typed, dismissed || !!suggestions || mentioning.query !== null);
  const emojiItems = shortcut.items;
  const listLength = suggestions ? suggestions.length : mentionItems.length || emojiItems.length;

  const stopTyping = () => {
    clearTimeout(typingTimer.current);
    lastTypingAt.current = 0;
    p.onTyping(false);
  };

  const typing = () => {
    if (noting) return; // an internal note: the contact must not see anyone typing
    const now = Date.now();
    if (now - lastTypingAt.current > 4000) {
      lastTypingAt.current = now;
      p.onTyping(true);
    }
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(stopTyping, 3000);
  };

  const mention = (person: Mentionable) => {
    mentioning.remember(person);
    const typed = mentionQuery(caret.typed);
    if (typed === null) caret.insert(`@${person.name} `);
    else caret.replaceTyped(typed.length + 1, `@${person.name} `);
  };

  const pickShortcut = (e: (typeof emojiItems)[number]) => {
    caret.replaceTyped((shortcut.query ?? '').length + 1, pickEmoji(e));
  };

  const pick = (c: CannedReplyView) => {
    setText(fillCanned(c.text, p.cannedValues));
    if (c.file) p.onCannedFile({ ...c, file: c.file });
    setDismissed(true);
    area.current?.focus();
  };

  /**
   * Queues the reply. While one is being queued (the offline outbox writes it first), a second
   * send is remembered and sent right after, with what the box holds then; the box is
   * emptied only if it still holds the text that was sent, so nothing typed meanwhile is lost.
   */
  const send = async () => {
    if (sending) {
      setSendAgain(true);
      return;
    }
    if (!text.trim() && (noting || p.files.length === 0)) return;
    const sent = text;
    setSending(true);
    clearTimeout(typingTimer.current);
    try {
      if (noting) await p.onNote(sent.trim(), [...colleagues.pickedIn(sent).keys()]);
      else {
        const written = writeMentions(sent.trim(), members.pickedIn(sent));
        await p.onSend(written.text, written.mentions);
      }
      mentioning.clear();
      setText((current) => (current === sent ? '' : current));
      setDismissed(false);
    } catch {
      // A note that could not be saved was reported (onNote); its text stays in the box.
    } finally {
      setSending(false);
      area.current?.focus();
    }
  };

  // The remembered send runs once the first is done, with this render's text and attachments
  // (deliberately keyed on the two flags only).
  useEffect(() => {
    if (!sendAgain || sending) return;
    setSendAgain(false);
    void send();
  }, [sendAgain, sending]);

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (listLength > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : listLength - 1)) % listLength);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        const i = Math.min(active, listLength - 1);
        if (suggestions) pick(suggestions[i]!);
        else if (mentionItems.length > 0) mention(mentionItems[i]!);
        else pickShortcut(emojiItems[i]!);
        return;
      }
    }
    // Escape closes the suggestions (or the "none match" notice) and keeps the agent typing.
    if ((suggestions || listLength > 0) && e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setDismissed(true);
      return;
    }
    if (isSendPress({ ...e, isComposing: e.nativeEvent.isComposing }, sendKey)) {
      e.preventDefault();
      void send();
    } else if (e.key === 'Escape' && !emoji) {
      e.preventDefault();
      p.onEscape();
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...e.clipboardData.files];
    if (files.length > 0) {
      e.preventDefault();
      p.onFiles(files);
    }
  };

  const switchMode = (next: 'reply' | 'note') => {
    if (next === 'note' && lastTypingAt.current) stopTyping();
    setMode(next);
    setSwitched((n) => n + 1);
  };
  const modes = <ComposerModes noting={noting} onSwitch={switchMode} />;
  // A group the account may not write in: the reply box gives way to why (notes still work).
  if (p.replyBlocked && !noting) {
    return (
      <div className="composer">
        {modes}
        {typeof p.replyBlocked === 'string' ? <p className="composer-blocked">{p.replyBlocked}</p> : p.replyBlocked}
      </div>
    );
  }

  return (
    <div className={`composer${noting ? ' composer-note' : ''}`}>
      {modes}
      {p.offline && <p className="composer-offline">{t('composer.offline')}</p>}
      {noting && <p className="composer-note-hint">{t('notes.hint')}</p>}
      {!noting && p.quoting && <ComposerQuote quoting={p.quoting} onCancel={p.onCancelQuote} />}
      {!noting && p.files.length > 0 && (
        <ul className="composer-files">
          {p.files.map((f, i) => (
            <li key={`${f.name}-${i}`} className="file-chip">
              <span className="file-chip-name">{f.name}</span>
              <span className="faint">{fmt.bytes(f.size)}</span>
              <IconButton icon="x" size="sm" label={t('composer.removeAttachment', { name: f.name })} onClick={() => p.onRemoveFile(i)} />
            </li>
          ))}
        </ul>
      )}
      {mentionItems.length > 0 && <MentionSuggestions id={listId} label={t(noting ? 'notes.mention' : 'group.mention')} items={mentionItems} active={Math.min(active, mentionItems.length - 1)} onPick={mention} />}
      {emojiItems.length > 0 && <EmojiSuggestions id={listId} items={emojiItems} active={Math.min(active, emojiItems.length - 1)} onPick={pickShortcut} />}
      {suggestions && <CannedSuggestions id={listId} items={suggestions} noneYet={p.canned.length === 0} active={Math.min(active, Math.max(0, suggestions.length - 1))} onPick={pick} onManage={p.onManageCanned} fill={(text) => fillCanned(text, p.cannedValues)} />}
      {/* While a voice note is recorded, its bar stands alone in the row (styles hide the rest). */}
      <div className={`composer-row${recording ? ' recording' : ''}`}>
        <div className="composer-tools">
          {!noting && <IconButton icon="paperclip" label={t('composer.attach')} onClick={() => fileInput.current?.click()} />}
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            onChange={(e) => {
              p.onFiles([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
          <div className="emoji-wrap">
            <IconButton icon="smile" label={t('composer.emoji')} aria-expanded={emoji} onClick={() => setEmoji((v) => !v)} />
            {emoji && (
              <EmojiPicker
                onPick={(e) => {
                  caret.insert(e);
                  setEmoji(false);
                }}
                onClose={() => {
                  setEmoji(false);
                  area.current?.focus();
                }}
                onAway={() => setEmoji(false)}
              />
            )}
          </div>
          {!noting && p.tools}
          {!noting && <IconButton icon="message" label={t('canned.manage')} onClick={p.onManageCanned} />}
          {noting && (
            <MentionButton
              people={colleagues.people}
              onPick={(person) => {
                caret.insert(`@${person.name} `);
                colleagues.remember(person);
              }}
            />
          )}
        </div>
        <textarea
          ref={area}
          className="composer-input"
          rows={1}
          value={text}
          placeholder={t(noting ? 'notes.placeholder' : 'composer.placeholder')}
          aria-label={t(noting ? 'notes.composerLabel' : 'composer.label', { name: p.chatName })}
          aria-controls={listLength ? listId : undefined}
          aria-activedescendant={listLength ? `${listId}-${Math.min(active, listLength - 1)}` : undefined}
          aria-autocomplete="list"
          onChange={(e) => {
            setText(e.target.value);
            caret.track(e.target);
            setActive(0);
            const typed = typedBeforeCaret(e.target.value, { text: e.target.value, at: e.target.selectionStart });
            if (!e.target.value.startsWith('/') && mentionQuery(typed) === null && emojiQuery(typed) === null) setDismissed(false);
            typing();
          }}
          onSelect={(e) => caret.track(e.currentTarget)}
          onKeyDown={onKey}
          onPaste={onPaste}
        />
        {!noting && (recording || (!text.trim() && p.files.length === 0)) && (
          <VoiceRecorder
            onSend={p.onVoice}
            onActive={(state) => {
              setRecording(state !== null);
              p.onRecording(state === 'recording');
            }}
          />
        )}
        {!noting && (
          <IconButton
            icon="calendar"
            label={t('scheduled.open')}
            title={p.files.length > 1 ? t('scheduled.onlyText') : t('scheduled.open')}
            disabled={(!text.trim() && p.files.length === 0) || p.files.length > 1}
            onClick={() => setScheduling(true)}
          />
        )}
        <Button
          variant="primary"
          icon={noting ? 'lock' : 'send'}
          busy={sending}
          disabled={!text.trim() && (noting || p.files.length === 0)}
          onClick={() => void send()}
          title={sendHint}
        >
          {t(noting ? 'notes.save' : 'composer.send')}
        </Button>
      </div>
      <ScheduleDialog
        open={scheduling}
        title={p.chatName}
        text={text.trim()}
        file={p.files[0]?.name ?? null}
        onClose={() => setScheduling(false)}
        onSchedule={async (at) => {
          const scheduled = text;
          const written = writeMentions(scheduled.trim(), members.pickedIn(scheduled));
          await p.onSchedule(written.text, at, written.mentions);
          setText((current) => (current === scheduled ? '' : current));
          setScheduling(false);
          area.current?.focus();
        }}
      />
      <SendKeyHint
        sendKey={sendKey}
        onChange={(next) => {
          setSendKey(next);
          area.current?.focus();
        }}
      />
    </div>
  );
}
